package io.mooring.server.landscape.formation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.platform.config.MooringProperties;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(60));

    @Test
    void delayAfterWithoutJitterShouldDoubleWithEachAttempt() {
        assertThat(policy.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(3, 0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(5, 0)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void delayAfterWhenDoublingPassesMaxShouldStayAtMax() {
        assertThat(policy.delayAfter(6, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(40, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(Integer.MAX_VALUE, 0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void delayAfterWhenAttemptIsBelowOneShouldWaitTheInitialDelay() {
        assertThat(policy.delayAfter(0, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(-3, 0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void delayAfterShouldTakeAwayTheRandomShareOfHalfTheDelay() {
        assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.delayAfter(2, 0.25)).isEqualTo(Duration.ofMillis(3500));
        assertThat(policy.delayAfter(10, 0.999)).isEqualTo(Duration.ofMillis(60_000 - 29_970));
    }

    @Property(tries = 200)
    void delayAfterShouldLieBetweenHalfTheCappedDelayAndTheCappedDelay(
            @ForAll @IntRange(min = 1, max = 200) int attempt,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        long capped = Math.min(2_000L * Math.round(Math.pow(2, Math.min(attempt - 1, 20))), 60_000L);

        long delay = policy.delayAfter(attempt, random).toMillis();

        assertThat(delay).isBetween(capped - capped / 2, capped);
    }

    @Property(tries = 100)
    void delayAfterShouldNeverShrinkAsAttemptsGrow(
            @ForAll @IntRange(min = 1, max = 100) int attempt,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        assertThat(policy.delayAfter(attempt + 1, random)).isGreaterThanOrEqualTo(policy.delayAfter(attempt, random));
    }

    @Test
    void retriesShouldAllowAttemptsUpToMaxAttempts() {
        assertThat(policy.retries(0)).isTrue();
        assertThat(policy.retries(4)).isTrue();
        assertThat(policy.retries(5)).isFalse();
        assertThat(policy.retries(6)).isFalse();
        assertThat(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).retries(1))
                .isFalse();
    }

    @Test
    void ofShouldTakeAttemptsAndBackoffFromTheNotificationSettings() {
        MooringProperties.Notifications settings = new MooringProperties.Notifications(
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                3,
                Duration.ofMillis(500),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                16);

        assertThat(RetryPolicy.of(settings))
                .isEqualTo(new RetryPolicy(3, Duration.ofMillis(500), Duration.ofMinutes(5)));
    }
}
