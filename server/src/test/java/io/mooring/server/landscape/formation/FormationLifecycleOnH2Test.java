package io.mooring.server.landscape.formation;

import io.mooring.server.testing.OnH2;

@OnH2
class FormationLifecycleOnH2Test extends FormationLifecycleTests {}
