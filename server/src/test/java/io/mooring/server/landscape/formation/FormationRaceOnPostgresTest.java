package io.mooring.server.landscape.formation;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class FormationRaceOnPostgresTest extends FormationRaceTests {}
