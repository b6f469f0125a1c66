package io.mooring.server.landscape.formation;

import io.mooring.server.platform.config.MooringProperties;
import java.time.Duration;

/**
 * When to try a failed delivery again: after {@code initial}, doubling with each attempt up to {@code max}, of which
 * a random half is taken away so that many participants failing together do not retry in step.
 */
record RetryPolicy(int maxAttempts, Duration initial, Duration max) {
    static RetryPolicy of(MooringProperties.Notifications settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff());
    }

    /** Whether another attempt follows the {@code attempts} already made. */
    boolean retries(int attempts) {
        return attempts < maxAttempts;
    }

    /**
     * The wait after attempt number {@code attempt} (1 for the first) failed.
     *
     * @param random a number in [0, 1)
     */
    Duration delayAfter(int attempt, double random) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration exponential = initial.multipliedBy(1L << doublings);
        Duration capped = exponential.compareTo(max) > 0 ? max : exponential;
        long half = capped.toMillis() / 2;
        return Duration.ofMillis(capped.toMillis() - (long) (half * random));
    }
}
