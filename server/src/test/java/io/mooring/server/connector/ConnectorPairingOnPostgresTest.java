package io.mooring.server.connector;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class ConnectorPairingOnPostgresTest extends ConnectorPairingTests {}
