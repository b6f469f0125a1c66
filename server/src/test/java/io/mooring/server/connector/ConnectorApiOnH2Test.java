package io.mooring.server.connector;

import io.mooring.server.testing.OnH2;

@OnH2
class ConnectorApiOnH2Test extends ConnectorApiTests {}
