package io.mooring.server.platform.security;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated party of a request: who it is, which global account it acts in and which role
 * collections it holds. Every query of account data is scoped by {@link #globalAccountId()}. Callers that
 * authenticated with a service binding's credentials also carry the {@link BoundService} they act in.
 */
public record Caller(
        String subject,
        String name,
        PrincipalType type,
        UUID globalAccountId,
        Set<Role> roles,
        @Nullable BoundService boundService) {
    public Caller(String subject, String name, PrincipalType type, UUID globalAccountId, Set<Role> roles) {
        this(subject, name, type, globalAccountId, roles, null);
    }

    public Caller {
        requireNonNull(subject, "subject");
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(globalAccountId, "globalAccountId");
        roles = Set.copyOf(roles);
    }

    public Optional<BoundService> bound() {
        return Optional.ofNullable(boundService);
    }

    public boolean holdsAnyOf(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** The kinds of principals that authenticate to Mooring. */
    public enum PrincipalType {
        USER,
        API_CLIENT,
        SYSTEM,
        /** An application holding a service binding's client credentials. */
        SERVICE_BINDING;

        public String claimValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
