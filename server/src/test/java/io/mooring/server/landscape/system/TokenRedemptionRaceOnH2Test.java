package io.mooring.server.landscape.system;

import io.mooring.server.testing.OnH2;

@OnH2
class TokenRedemptionRaceOnH2Test extends TokenRedemptionRaceTests {}
