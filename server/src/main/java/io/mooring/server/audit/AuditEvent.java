package io.mooring.server.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One entry of the audit log: who did what to which object, when, and how it ended. */
public record AuditEvent(
        UUID id,
        @Nullable UUID globalAccountId,
        Instant occurredAt,
        String actor,
        String action,
        @Nullable String targetType,
        @Nullable String targetId,
        Outcome outcome,
        @Nullable String detail,
        @Nullable String clientAddress) {

    /** How the audited request ended. */
    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }
}
