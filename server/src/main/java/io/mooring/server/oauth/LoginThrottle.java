package io.mooring.server.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Limits credential checks at the token endpoint: every attempt counts against the client address, and failed
 * attempts count against the user name or client id, so guessing one account's password is slow while its
 * owner's correct logins go through. The limits are per replica.
 */
@Component
final class LoginThrottle {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final TimeMeter time;
    private final int perName;
    private final int perAddress;

    LoginThrottle(Clock clock, MooringProperties properties) {
        this.time = new ClockTimeMeter(clock);
        this.perName = properties.login().attemptsPerMinutePerName();
        this.perAddress = properties.login().attemptsPerMinutePerAddress();
    }

    /** Counts an attempt from this address and refuses it when the address or the name has no attempts left. */
    void attempt(String address, String name) {
        ConsumptionProbe byAddress = bucket("address:" + address, perAddress).tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            throw tooMany(byAddress.getNanosToWaitForRefill());
        }
        EstimationProbe byName = bucket("name:" + name, perName).estimateAbilityToConsume(1);
        if (!byName.canBeConsumed()) {
            throw tooMany(byName.getNanosToWaitForRefill());
        }
    }

    void failed(String name) {
        bucket("name:" + name, perName).tryConsume(1);
    }

    private Bucket bucket(String key, int perMinute) {
        return buckets.get(
                key,
                ignored -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                        .withCustomTimePrecision(time)
                        .build());
    }

    private static MooringProblem tooMany(long nanosToWait) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        return MooringProblem.of(
                        ProblemType.TOO_MANY_REQUESTS,
                        "Too many login attempts; wait " + seconds + " seconds before trying again.")
                .with("retryAfterSeconds", seconds);
    }

    /** Bucket4j's time from Mooring's clock, so that tests move time instead of waiting. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
