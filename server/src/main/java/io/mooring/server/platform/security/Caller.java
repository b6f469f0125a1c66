package io.mooring.server.platform.security;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated party of a request: who it is, which global account it acts in and which role
 * collections it holds. Every query of account data is scoped by {@link #globalAccountId()}.
 */
public record Caller(String subject, String name, PrincipalType type, UUID globalAccountId, Set<Role> roles) {
    public Caller {
        requireNonNull(subject, "subject");
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(globalAccountId, "globalAccountId");
        roles = Set.copyOf(roles);
    }

    public boolean holdsAnyOf(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** The kinds of principals that authenticate to Mooring. */
    public enum PrincipalType {
        USER,
        API_CLIENT,
        SYSTEM;

        public String claimValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
