package io.mooring.server.landscape.system;

import java.util.List;

/**
 * Something that keeps a system from being deregistered, such as its formations or entitlement configurations.
 * Each implementation names what blocks; deregistration is refused while any of them names anything.
 */
public interface DeregistrationBlocker {
    /** Human-readable names of what holds the system, e.g. {@code formation 'Task Center EU'}; empty when none. */
    List<String> blockersOf(LandscapeSystem system);
}
