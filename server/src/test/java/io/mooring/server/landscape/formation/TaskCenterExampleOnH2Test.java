package io.mooring.server.landscape.formation;

import io.mooring.server.testing.OnH2;

@OnH2
class TaskCenterExampleOnH2Test extends TaskCenterExampleTests {}
