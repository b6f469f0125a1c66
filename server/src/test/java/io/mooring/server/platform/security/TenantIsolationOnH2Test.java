package io.mooring.server.platform.security;

import io.mooring.server.testing.OnH2;

@OnH2
class TenantIsolationOnH2Test extends TenantIsolationTests {}
