package io.mooring.server.account;

import io.mooring.server.testing.OnH2;

@OnH2
class AccessOnH2Test extends AccessTests {}
