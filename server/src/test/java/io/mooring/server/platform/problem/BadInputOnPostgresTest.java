package io.mooring.server.platform.problem;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class BadInputOnPostgresTest extends BadInputTests {}
