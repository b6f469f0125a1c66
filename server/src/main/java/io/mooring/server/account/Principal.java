package io.mooring.server.account;

import io.mooring.server.platform.security.BoundService;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.Role;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A party whose credentials checked out at the token endpoint, with what its token will say about it. A
 * principal that authenticated through a service binding (its own client credentials, or a user token exchanged
 * with them) also carries that {@link Binding}.
 */
public record Principal(
        String subject,
        String name,
        Caller.PrincipalType type,
        UUID globalAccountId,
        Set<Role> roles,
        @Nullable Binding binding) {
    public Principal {
        roles = Set.copyOf(roles);
    }

    public Principal(String subject, String name, Caller.PrincipalType type, UUID globalAccountId, Set<Role> roles) {
        this(subject, name, type, globalAccountId, roles, null);
    }

    public Optional<Binding> bound() {
        return Optional.ofNullable(binding);
    }

    /** The same principal acting through a service binding. */
    public Principal through(Binding through) {
        return new Principal(subject, name, type, globalAccountId, roles, through);
    }

    /** The binding a token is issued through: its client, its service instance and the subaccount's subdomain. */
    public record Binding(String clientId, BoundService service, String subdomain) {}
}
