package io.mooring.server.landscape.formation;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Derives an assignment's state from the notifications of its current phase (joining or leaving): one failure makes
 * it an error; all answered makes it Ready (joining) or gone (leaving); a participant that will report later makes a
 * join Config pending.
 */
final class AssignmentProgress {
    private AssignmentProgress() {}

    /** The state the notifications put the assignment in; empty when the system has left. */
    static Optional<Settled> settle(AssignmentState current, List<NotificationStatus> phase, @Nullable String error) {
        boolean leaving = current.leaving();
        if (phase.contains(NotificationStatus.FAILED)) {
            return Optional.of(new Settled(
                    leaving ? AssignmentState.DELETE_ERROR : AssignmentState.CREATE_ERROR,
                    error == null ? "A participant could not be notified." : error));
        }
        if (phase.stream().allMatch(status -> status == NotificationStatus.DONE)) {
            return leaving ? Optional.empty() : Optional.of(new Settled(AssignmentState.READY, null));
        }
        if (leaving) {
            return Optional.of(new Settled(AssignmentState.DELETING, null));
        }
        return Optional.of(new Settled(
                phase.contains(NotificationStatus.AWAITING_STATUS)
                        ? AssignmentState.CONFIG_PENDING
                        : AssignmentState.INITIAL,
                null));
    }

    record Settled(AssignmentState state, @Nullable String error) {}
}
