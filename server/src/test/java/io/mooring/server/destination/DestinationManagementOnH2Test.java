package io.mooring.server.destination;

import io.mooring.server.testing.OnH2;

@OnH2
class DestinationManagementOnH2Test extends DestinationManagementTests {}
