package io.mooring.server.landscape.formation;

import io.mooring.server.landscape.system.LandscapeSystem;

/** A system in a formation: its assignment and the system itself. */
record Member(Assignment assignment, LandscapeSystem system) {
    boolean leaving() {
        return assignment.state().leaving();
    }
}
