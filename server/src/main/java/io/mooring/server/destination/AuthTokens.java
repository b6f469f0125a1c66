package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.crypto.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Resolves a destination's authentication into the tokens "find destination" hands out. Tokens from token services
 * are cached per destination version (and per user for user-token exchanges) until {@code tokenRenewalMargin}
 * before they expire; concurrent requests for the same token wait for one fetch. Failures are not cached: they
 * become an entry whose {@code error} says what went wrong, as in SAP's service.
 */
@Component
class AuthTokens {
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final TokenServiceClient tokenService;
    private final Clock clock;
    private final Duration renewalMargin;
    private final Cache<Key, CachedToken> cache;

    AuthTokens(TokenServiceClient tokenService, Clock clock, MooringProperties properties) {
        this.tokenService = requireNonNull(tokenService, "tokenService");
        this.clock = requireNonNull(clock, "clock");
        this.renewalMargin = properties.destinations().tokenRenewalMargin();
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.destinations().maxCachedTokens())
                .expireAfter(Expiry.<Key, CachedToken>creating((key, token) -> token.reuseFor()))
                .executor(Runnable::run)
                .build();
    }

    /** The tokens for a destination; {@code userToken} gives the caller's user token where the type needs one. */
    List<AuthToken> resolve(StoredDestination destination, Supplier<@Nullable String> userTokens) {
        Map<String, String> properties = destination.properties();
        AuthenticationType type = AuthenticationType.of(
                        properties.getOrDefault(AuthenticationType.PROPERTY, "NoAuthentication"))
                .orElse(AuthenticationType.NO_AUTHENTICATION);
        return switch (type) {
            case NO_AUTHENTICATION, PRINCIPAL_PROPAGATION, CLIENT_CERTIFICATE_AUTHENTICATION -> List.of();
            case BASIC_AUTHENTICATION -> List.of(basic(properties));
            case OAUTH2_CLIENT_CREDENTIALS ->
                List.of(fetched(destination, null, Map.of("grant_type", "client_credentials")));
            case OAUTH2_PASSWORD ->
                List.of(fetched(
                        destination,
                        null,
                        Map.of(
                                "grant_type", "password",
                                "username", properties.get("User"),
                                "password", properties.get("Password"))));
            case OAUTH2_JWT_BEARER, OAUTH2_USER_TOKEN_EXCHANGE -> {
                String userToken = userTokens.get();
                yield userToken == null
                        ? List.of(AuthToken.failed(type.value() + " needs the user's token: send it in the X-user-token"
                                + " header, or call with a user token obtained through the binding"))
                        : List.of(fetched(
                                destination, userToken, Map.of("grant_type", JWT_BEARER, "assertion", userToken)));
            }
        };
    }

    private static AuthToken basic(Map<String, String> properties) {
        String credentials = properties.get("User") + ":" + properties.get("Password");
        String value = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return AuthToken.of("Basic", value, null);
    }

    private AuthToken fetched(StoredDestination destination, @Nullable String userToken, Map<String, String> grant) {
        Key key = new Key(destination.id(), destination.version(), userToken == null ? "" : Secrets.hash(userToken));
        try {
            CachedToken token = cache.get(key, ignored -> fetch(destination, grant));
            long remaining =
                    Duration.between(clock.instant(), token.expiresAt()).toSeconds();
            return AuthToken.of(token.type(), token.value(), Math.max(remaining, 0));
        } catch (TokenServiceClient.TokenServiceException e) {
            return AuthToken.failed("Retrieval of the token failed: " + e.getMessage());
        }
    }

    private CachedToken fetch(StoredDestination destination, Map<String, String> grant) {
        TokenServiceClient.FetchedToken token = tokenService.fetch(destination.properties(), grant);
        Instant now = clock.instant();
        long lifetime = token.expiresIn() > 0 ? token.expiresIn() : renewalMargin.toSeconds();
        Instant expiresAt = now.plusSeconds(lifetime);
        Duration reuse = Duration.ofSeconds(lifetime).minus(renewalMargin);
        return new CachedToken("Bearer", token.accessToken(), expiresAt, reuse.isNegative() ? Duration.ZERO : reuse);
    }

    private record Key(UUID destinationId, long version, String userTokenHash) {}

    private record CachedToken(String type, String value, Instant expiresAt, Duration reuseFor) {}
}
