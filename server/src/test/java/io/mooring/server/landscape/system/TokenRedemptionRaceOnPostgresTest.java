package io.mooring.server.landscape.system;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class TokenRedemptionRaceOnPostgresTest extends TokenRedemptionRaceTests {}
