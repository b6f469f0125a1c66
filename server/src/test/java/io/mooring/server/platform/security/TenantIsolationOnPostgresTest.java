package io.mooring.server.platform.security;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class TenantIsolationOnPostgresTest extends TenantIsolationTests {}
