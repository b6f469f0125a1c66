package io.mooring.server.platform;

import io.mooring.server.testing.OnH2;

@OnH2
class PlatformEndpointsOnH2Test extends PlatformEndpointsTests {}
