package io.mooring.server.account;

import java.time.Instant;
import java.util.UUID;

/** A global account: the tenant that owns subaccounts, users, systems and everything else. */
public record GlobalAccount(UUID id, String displayName, Instant createdAt) {}
