package io.mooring.connector.tunnel;

import java.util.random.RandomGenerator;

/**
 * How long a tunnel connection waits before it dials Mooring again: a ceiling that starts at half a second and doubles
 * with each failure in a row up to 30 seconds, and a delay drawn evenly from zero to that ceiling ("full jitter"), so
 * that connectors cut off together, by a restart of Mooring say, do not all dial again in the same instant.
 */
final class ReconnectBackoff {
    static final long FIRST_CEILING_MILLIS = 500;
    static final long LAST_CEILING_MILLIS = 30_000;

    private ReconnectBackoff() {}

    /** The ceiling after {@code failures} failures in a row (1 for the first). */
    static long ceilingMillis(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 16);
        return Math.min(LAST_CEILING_MILLIS, FIRST_CEILING_MILLIS << doublings);
    }

    /** The delay before the next dial after {@code failures} failures in a row. */
    static long delayMillis(int failures, RandomGenerator random) {
        return random.nextLong(ceilingMillis(failures) + 1);
    }
}
