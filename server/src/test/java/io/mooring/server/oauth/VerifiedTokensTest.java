package io.mooring.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        Instant expiresAt = Instant.parse(token);
        if (!clock.instant().isBefore(expiresAt)) {
            throw new JwtValidationException("expired", java.util.List.of(new OAuth2Error("invalid_token")));
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("someone")
                .issuedAt(expiresAt.minusSeconds(3600))
                .expiresAt(expiresAt)
                .build();
    };
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void aVerifiedTokenShouldBeVerifiedOnceWhileItIsValid() {
        String token = clock.instant().plus(Duration.ofHours(1)).toString();
        tokens.decode(token);
        tokens.decode(token);
        assertThat(tokens.decode(token).getSubject()).isEqualTo("someone");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenShouldBeRefusedOnceItExpires() {
        String token = clock.instant().plus(Duration.ofMinutes(2)).toString();
        tokens.decode(token);
        clock.advance(Duration.ofMinutes(3));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenShouldNeverBeRemembered() {
        String token = clock.instant().minusSeconds(1).toString();
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(2);
    }
}
