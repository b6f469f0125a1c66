package io.mooring.server.destination;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class DestinationManagementOnPostgresTest extends DestinationManagementTests {}
