package io.mooring.server.account;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A subaccount of a global account: where service instances, destinations and connectors live. */
public record Subaccount(
        UUID id,
        UUID globalAccountId,
        String displayName,
        String subdomain,
        String region,
        @Nullable String description,
        Instant createdAt) {}
