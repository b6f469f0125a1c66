package io.mooring.server.oauth;

import io.mooring.server.platform.config.MooringProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies bearer tokens against Mooring's own signing keys, on Mooring's clock, remembering verified tokens for a
 * few minutes (see {@link VerifiedTokens}).
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {
    @Bean
    JwtDecoder jwtDecoder(SigningKeys signingKeys, Clock clock, MooringProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps, new JwtIssuerValidator(properties.tokens().issuer())));
        return new VerifiedTokens(decoder, clock);
    }
}
