package io.mooring.server.platform.problem;

import io.mooring.server.testing.OnH2;

@OnH2
class BadInputOnH2Test extends BadInputTests {}
