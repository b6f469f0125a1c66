package io.mooring.server.platform.security;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The service instance a token was issued for: applications authenticate with a binding's credentials, and
 * their tokens, and the user tokens exchanged with them, act in that instance and its subaccount only.
 */
public record BoundService(UUID subaccountId, UUID instanceId, String offering) {
    public BoundService {
        requireNonNull(subaccountId, "subaccountId");
        requireNonNull(instanceId, "instanceId");
        requireNonNull(offering, "offering");
    }
}
