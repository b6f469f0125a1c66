package io.mooring.server.landscape.formation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message of the outbox: tells a participant that a system joined or left a formation.
 *
 * @param payload the JSON body, as the change that caused it wrote it
 * @param attempts delivery attempts started so far
 */
record Notification(
        UUID id,
        UUID assignmentId,
        UUID formationId,
        UUID globalAccountId,
        UUID recipientSystemId,
        String recipientUrl,
        NotificationOperation operation,
        String payload,
        NotificationStatus status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastError,
        Instant createdAt,
        Instant updatedAt) {

    /** This notification as a worker holds it once it has claimed attempt number {@code attempt} until {@code leaseUntil}. */
    Notification claimed(int attempt, Instant leaseUntil) {
        return new Notification(
                id,
                assignmentId,
                formationId,
                globalAccountId,
                recipientSystemId,
                recipientUrl,
                operation,
                payload,
                NotificationStatus.DELIVERING,
                attempt,
                leaseUntil,
                lastError,
                createdAt,
                updatedAt);
    }
}
