package io.mooring.server.landscape.formation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Formations, assignments and notifications as the API shows them. */
public final class FormationViews {
    private FormationViews() {}

    /**
     * A formation with the aggregated status of its assignments: {@code READY} when all are Ready (or there are
     * none), {@code ERROR} when any failed (each one listed in {@code errors}), otherwise {@code IN_PROGRESS}.
     */
    public record FormationView(
            UUID id,
            String name,
            String type,
            Formation.Lifecycle lifecycle,
            FormationStatus status,
            List<AssignmentError> errors,
            @Nullable List<AssignmentView> assignments,
            int memberCount,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    public enum FormationStatus {
        READY,
        IN_PROGRESS,
        ERROR
    }

    public record AssignmentError(UUID systemId, String systemName, AssignmentState state, String error) {}

    /**
     * One system in a formation.
     *
     * @param communicationScenarios the scenarios the formation type enables on this system: enabled once the
     *     assignment is Ready
     */
    public record AssignmentView(
            UUID id,
            UUID formationId,
            UUID systemId,
            String systemName,
            String systemType,
            AssignmentState state,
            @Nullable String error,
            List<String> communicationScenarios,
            Instant createdAt,
            Instant updatedAt) {}

    /** One notification of the outbox, as administrators see it (without its payload). */
    public record NotificationView(
            UUID id,
            UUID assignmentId,
            UUID recipientSystemId,
            String recipientUrl,
            NotificationOperation operation,
            NotificationStatus status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant createdAt,
            Instant updatedAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(
                    n.id(),
                    n.assignmentId(),
                    n.recipientSystemId(),
                    n.recipientUrl(),
                    n.operation(),
                    n.status(),
                    n.attempts(),
                    n.nextAttemptAt(),
                    n.lastError(),
                    n.createdAt(),
                    n.updatedAt());
        }
    }
}
