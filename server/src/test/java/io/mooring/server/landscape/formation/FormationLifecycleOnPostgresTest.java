package io.mooring.server.landscape.formation;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class FormationLifecycleOnPostgresTest extends FormationLifecycleTests {}
