package io.mooring.server.account;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.Role;
import java.util.Set;
import java.util.UUID;

/** A party whose credentials checked out at the token endpoint, with what its token will say about it. */
public record Principal(String subject, String name, Caller.PrincipalType type, UUID globalAccountId, Set<Role> roles) {
    public Principal {
        roles = Set.copyOf(roles);
    }
}
