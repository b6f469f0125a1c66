package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.BoundService;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.CallerClaims;
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

    private final JwtDecoder tokens;

    ProxyAuthorization(JwtDecoder tokens) {
        this.tokens = requireNonNull(tokens, "tokens");
    }

    /** The subaccount whose connectivity binding the header's token belongs to. */
    Optional<UUID> connectivitySubaccount(@Nullable String authorization) {
        return caller(authorization)
                .flatMap(Caller::bound)
                .filter(bound -> CONNECTIVITY_OFFERING.equals(bound.offering()))
                .map(BoundService::subaccountId);
    }

    /** The user a {@code SAP-Connectivity-Authentication} header names, if its token is valid and is a user's. */
    Optional<String> propagatedUser(@Nullable String authentication) {
        return caller(authentication)
                .filter(caller -> caller.type() == Caller.PrincipalType.USER)
                .map(Caller::name);
    }

    private Optional<Caller> caller(@Nullable String header) {
        if (header == null
                || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            Jwt jwt = tokens.decode(header.substring(BEARER.length()).trim());
            return Optional.of(CallerClaims.toCaller(jwt));
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
    }
}
