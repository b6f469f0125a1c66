package io.mooring.server.oauth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, properties(3, 5));

    @Test
    void failedAttemptsBeyondTheLimitShouldBeRefusedUntilTimeRefillsThem() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("10.0.0.1", "alice");
            throttle.failed("alice");
        }

        assertThatThrownBy(() -> throttle.attempt("10.0.0.2", "alice"))
                .isInstanceOf(MooringProblem.class)
                .hasMessageContaining("wait");
        clock.advance(Duration.ofSeconds(20));
        assertThatCode(() -> throttle.attempt("10.0.0.2", "alice")).doesNotThrowAnyException();
    }

    @Test
    void successfulAttemptsShouldNotUseUpTheNamesAllowance() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("10.0.0." + i, "bob");
        }

        assertThatCode(() -> throttle.attempt("10.0.0.9", "bob")).doesNotThrowAnyException();
    }

    @Test
    void everyAttemptShouldCountAgainstTheAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.attempt("10.0.0.7", "user" + i);
        }

        assertThatThrownBy(() -> throttle.attempt("10.0.0.7", "someone")).isInstanceOf(MooringProblem.class);
    }

    static MooringProperties properties(int perName, int perAddress) {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                        "mooring.login.attempts-per-minute-per-name", perName,
                        "mooring.login.attempts-per-minute-per-address", perAddress)))
                .bindOrCreate("mooring", MooringProperties.class);
    }
}
