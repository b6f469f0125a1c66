package io.mooring.server.landscape.system;

import io.mooring.server.testing.OnH2;

@OnH2
class SystemRegistrationOnH2Test extends SystemRegistrationTests {}
