package io.mooring.server.connector;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class ConnectorApiOnPostgresTest extends ConnectorApiTests {}
