package io.mooring.server.landscape.formation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One system in one formation, with where its joining or leaving stands. */
record Assignment(
        UUID id,
        UUID formationId,
        UUID systemId,
        UUID globalAccountId,
        AssignmentState state,
        @Nullable String error,
        Instant createdAt,
        Instant updatedAt) {

    Assignment in(AssignmentState newState, @Nullable String newError, Instant now) {
        return new Assignment(id, formationId, systemId, globalAccountId, newState, newError, createdAt, now);
    }
}
