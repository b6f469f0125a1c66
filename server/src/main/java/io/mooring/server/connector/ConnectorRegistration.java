package io.mooring.server.connector;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A connector registration as stored: where it belongs, its pairing token (only the hash, its expiry and when it was
 * used) and its current certificate, if it was ever paired.
 */
record ConnectorRegistration(
        UUID id,
        UUID globalAccountId,
        UUID subaccountId,
        String locationId,
        @Nullable String description,
        Instant createdAt,
        String createdBy,
        String tokenHash,
        Instant tokenExpiresAt,
        @Nullable Instant tokenUsedAt,
        @Nullable String certificateSerial,
        @Nullable Instant certificateNotAfter) {

    /** The name of its location as people read it: the location ID, or "default" for the empty one. */
    String locationName() {
        return locationName(locationId);
    }

    static String locationName(String locationId) {
        return locationId.isEmpty() ? "default" : locationId;
    }

    /** Why its pairing token cannot be redeemed at {@code now}, or {@link TokenRefusal#NONE} when it can. */
    TokenRefusal tokenRefusalAt(Instant now) {
        if (tokenUsedAt != null) {
            return TokenRefusal.USED;
        }
        if (!now.isBefore(tokenExpiresAt)) {
            return TokenRefusal.EXPIRED;
        }
        return TokenRefusal.NONE;
    }

    /** The reasons a pairing token is refused, in the order they are checked. */
    enum TokenRefusal {
        NONE,
        USED,
        EXPIRED
    }
}
