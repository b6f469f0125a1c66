package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.CallerClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Reads the proxy's credentials: {@code Proxy-Authorization} must carry a token of a connectivity binding, whose
 * subaccount decides the connectors the request may reach; {@code SAP-Connectivity-Authentication} may carry the
 * token of the user to propagate. Verified tokens are remembered, so a busy proxy does not verify signatures.
 */
@Component
class ProxyAuthorization {
    static final String CONNECTIVITY_OFFERING = "connectivity";
    private static final String BEARER = "bearer ";
    /** How long a token once read is taken on trust, within its own lifetime. */
    static final Duration REMEMBERED = Duration.ofMinutes(5);

    private final JwtDecoder tokens;
    private final Clock clock;

    /**
     * Proxy credentials already read, with their subaccount: a busy proxy reads each token once. Like verified
     * tokens, they are kept at most {@link #REMEMBERED} and never used past the token's expiry.
     */
    private final Cache<String, Admission> admitted = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(REMEMBERED)
            .build();

    ProxyAuthorization(JwtDecoder tokens, Clock clock) {
        this.tokens = requireNonNull(tokens, "tokens");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The subaccount whose connectivity binding the header's token belongs to. */
    Optional<UUID> connectivitySubaccount(@Nullable String authorization) {
        return admit(authorization).map(Admission::subaccountId);
    }

    /**
     * Admits the header's token if it belongs to a connectivity binding. The admission holds until {@link
     * #holds(Admission)} says otherwise, so that a connection can keep it for its next requests with the same header.
     */
    Optional<Admission> admit(@Nullable String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Admission known = admitted.getIfPresent(authorization);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known);
        }
        Optional<Jwt> jwt = verified(authorization);
        // A token without an expiry is admitted for this request only: it is never taken on trust.
        Instant until = jwt.map(Jwt::getExpiresAt)
                .map(expiresAt -> earlier(expiresAt, now.plus(REMEMBERED)))
                .orElse(now);
        Optional<Admission> admission = jwt.flatMap(ProxyAuthorization::callerOf)
                .flatMap(Caller::bound)
                .filter(bound -> CONNECTIVITY_OFFERING.equals(bound.offering()))
                .map(bound -> new Admission(bound.subaccountId(), until));
        if (admission.isPresent() && now.isBefore(until)) {
            admitted.put(authorization, admission.get());
        }
        return admission;
    }

    /** True while {@code admission} may still be used. */
    boolean holds(Admission admission) {
        return clock.instant().isBefore(admission.until());
    }

    private static Instant earlier(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    /** The user a {@code SAP-Connectivity-Authentication} header names, if its token is valid and is a user's. */
    Optional<String> propagatedUser(@Nullable String authentication) {
        return caller(authentication)
                .filter(caller -> caller.type() == Caller.PrincipalType.USER)
                .map(Caller::name);
    }

    private Optional<Caller> caller(@Nullable String header) {
        return verified(header).flatMap(ProxyAuthorization::callerOf);
    }

    private static Optional<Caller> callerOf(Jwt jwt) {
        try {
            return Optional.of(CallerClaims.toCaller(jwt));
        } catch (RuntimeException notMooringsToken) {
            return Optional.empty();
        }
    }

    private Optional<Jwt> verified(@Nullable String header) {
        if (header == null
                || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        if (!isToken68(token)) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.decode(token));
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
    }

    /**
     * True when {@code token} has only the characters a bearer token may have (RFC 6750 §2.1): the proxy does not
     * check credential headers while decoding, so nothing else keeps control characters out of the token decoder.
     */
    private static boolean isToken68(String token) {
        return Characters.onlyAlphanumericOr(token, "-._~+/=");
    }

    /** A token of a connectivity binding, admitted for the binding's subaccount until {@code until}. */
    record Admission(UUID subaccountId, Instant until) {}
}
