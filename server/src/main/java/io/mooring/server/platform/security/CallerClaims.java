package io.mooring.server.platform.security;

import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claims that carry a {@link Caller} in Mooring's access tokens, written and read in one place. */
public final class CallerClaims {
    public static final String EXTERNAL_ATTRIBUTES = "ext_attr";
    public static final String GLOBAL_ACCOUNT_ID = "globalaccountid";
    public static final String PRINCIPAL_TYPE = "principal_type";
    public static final String PRINCIPAL_NAME = "principal_name";
    public static final String SCOPE = "scope";
    public static final String SUBACCOUNT_ID = "subaccountid";
    public static final String SERVICE_INSTANCE_ID = "serviceinstanceid";
    public static final String SERVICE_OFFERING = "serviceoffering";

    private CallerClaims() {}

    /** The caller a verified token speaks for. */
    public static Caller toCaller(Jwt jwt) {
        Object attributes = jwt.getClaims().get(EXTERNAL_ATTRIBUTES);
        if (!(attributes instanceof Map<?, ?> map) || !(map.get(GLOBAL_ACCOUNT_ID) instanceof String account)) {
            throw MooringProblem.of(
                    ProblemType.UNAUTHENTICATED,
                    "The access token belongs to no global account; get a management token from POST /oauth/token.");
        }
        Caller.PrincipalType type = Caller.PrincipalType.valueOf(
                jwt.getClaimAsString(PRINCIPAL_TYPE).toUpperCase(java.util.Locale.ROOT));
        String name = Optional.ofNullable(jwt.getClaimAsString(PRINCIPAL_NAME)).orElse(jwt.getSubject());
        return new Caller(jwt.getSubject(), name, type, UUID.fromString(account), roles(jwt), boundService(map));
    }

    private static @Nullable BoundService boundService(Map<?, ?> attributes) {
        if (attributes.get(SERVICE_INSTANCE_ID) instanceof String instance
                && attributes.get(SUBACCOUNT_ID) instanceof String subaccount
                && attributes.get(SERVICE_OFFERING) instanceof String offering) {
            return new BoundService(UUID.fromString(subaccount), UUID.fromString(instance), offering);
        }
        return null;
    }

    private static Set<Role> roles(Jwt jwt) {
        Object scope = jwt.getClaims().get(SCOPE);
        Collection<?> scopes = scope instanceof Collection<?> list ? list : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        scopes.forEach(value -> Role.fromScope(String.valueOf(value)).ifPresent(roles::add));
        return roles;
    }
}
