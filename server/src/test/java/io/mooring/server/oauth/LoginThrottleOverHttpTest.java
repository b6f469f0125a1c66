package io.mooring.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.OnH2;
import io.mooring.server.testing.ServerTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Guessing one user's password is slowed down over HTTP, and the owner gets in again once time has passed. */
@OnH2
@TestPropertySource(properties = "mooring.login.attempts-per-minute-per-name=3")
class LoginThrottleOverHttpTest extends ServerTest {
    @Test
    void failedLoginsBeyondTheLimitShouldAnswerTooManyRequestsWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("wrong-password").status()).isEqualTo(401);
        }

        Api.Response refused = login(OPERATOR_PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("urn:mooring:problem:too-many-requests");
        assertThat(refused.json().path("error").asString()).isEqualTo("slow_down");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        clock().advance(Duration.ofMinutes(1));
        assertThat(login(OPERATOR_PASSWORD).status()).isEqualTo(200);
    }

    private Api.Response login(String password) {
        return api.form(
                "/oauth/token", Map.of("grant_type", "password", "username", OPERATOR, "password", password), Map.of());
    }
}
