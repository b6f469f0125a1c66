package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens whose signature has been verified, for at most {@link #REMEMBERED} and never past their expiry,
 * so that an application calling many times with one token pays for one RSA verification. Expiry is checked again
 * on every use; a token that failed is never remembered.
 */
final class VerifiedTokens implements JwtDecoder {
    static final Duration REMEMBERED = Duration.ofMinutes(5);
    private static final int MAX_TOKENS = 10_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(REMEMBERED)
            .build();

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = requireNonNull(verifier, "verifier");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered != null) {
            Instant expiresAt = remembered.getExpiresAt();
            if (expiresAt != null && clock.instant().isBefore(expiresAt)) {
                return remembered;
            }
            verified.invalidate(token);
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
