package io.mooring.server.account;

import io.mooring.server.platform.security.Role;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API client as the API shows it. The secret appears only in the answer that creates the client; Mooring
 * keeps only its hash.
 */
public record ApiClientView(
        String clientId,
        @Nullable String clientSecret,
        @Nullable String description,
        Set<Role> roleCollections,
        Instant createdAt) {
    static ApiClientView of(IdentityStore.StoredClient client) {
        return new ApiClientView(client.clientId(), null, client.description(), client.roles(), client.createdAt());
    }
}
