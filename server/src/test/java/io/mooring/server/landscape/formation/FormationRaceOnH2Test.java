package io.mooring.server.landscape.formation;

import io.mooring.server.testing.OnH2;

@OnH2
class FormationRaceOnH2Test extends FormationRaceTests {}
