package io.mooring.connector.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** How long the connector waits before dialling Mooring again: exponential backoff with full jitter. */
class ReconnectBackoffTest {
    @Test
    void theCeilingShouldStartAtHalfASecondAndDoubleUpToThirtySeconds() {
        assertThat(ReconnectBackoff.ceilingMillis(1)).isEqualTo(500);
        assertThat(ReconnectBackoff.ceilingMillis(2)).isEqualTo(1_000);
        assertThat(ReconnectBackoff.ceilingMillis(3)).isEqualTo(2_000);
        assertThat(ReconnectBackoff.ceilingMillis(6)).isEqualTo(16_000);
        assertThat(ReconnectBackoff.ceilingMillis(7)).isEqualTo(30_000);
        assertThat(ReconnectBackoff.ceilingMillis(1_000)).isEqualTo(30_000);
        assertThat(ReconnectBackoff.ceilingMillis(Integer.MAX_VALUE)).isEqualTo(30_000);
    }

    @Test
    void eachDelayShouldBeDrawnFromZeroToTheCeilingSoThatConnectorsDoNotDialInStep() {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        for (int attempt = 1; attempt <= 10; attempt++) {
            Set<Long> delays = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                long delay = ReconnectBackoff.delayMillis(attempt, random);
                assertThat(delay).isBetween(0L, ReconnectBackoff.ceilingMillis(attempt));
                delays.add(delay);
            }
            assertThat(delays).as("attempt %d: spread, not one value", attempt).hasSizeGreaterThan(50);
        }
    }

    @Test
    void theDelaysShouldReachBothEndsOfTheRange() {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = ReconnectBackoff.delayMillis(1, random);
            lowest = Math.min(lowest, delay);
            highest = Math.max(highest, delay);
        }
        assertThat(lowest).isLessThan(25);
        assertThat(highest).isGreaterThan(475);
    }
}
