package io.mooring.server.landscape.system;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored integration token: only its hash, its lifetime and whether it was used or superseded. */
record IntegrationToken(
        UUID id,
        UUID systemId,
        UUID globalAccountId,
        String tokenHash,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt,
        @Nullable Instant supersededAt) {

    /** Why this token cannot be redeemed at {@code now}, or {@link Refusal#NONE} when it can. */
    Refusal refusalAt(Instant now) {
        if (usedAt != null) {
            return Refusal.USED;
        }
        if (supersededAt != null) {
            return Refusal.SUPERSEDED;
        }
        if (!now.isBefore(expiresAt)) {
            return Refusal.EXPIRED;
        }
        return Refusal.NONE;
    }

    /** The reasons a token is refused, in the order they are checked. */
    enum Refusal {
        NONE,
        USED,
        SUPERSEDED,
        EXPIRED
    }
}
