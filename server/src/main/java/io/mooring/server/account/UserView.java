package io.mooring.server.account;

import io.mooring.server.platform.security.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user as the API shows it: never with its password hash. */
public record UserView(UUID id, String username, Set<Role> roleCollections, Instant createdAt) {
    static UserView of(IdentityStore.StoredUser user) {
        return new UserView(user.id(), user.username(), user.roles(), user.createdAt());
    }
}
