package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.formation.FormationViews.NotificationView;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.validation.Inputs;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what became of notifications, from a delivery attempt or from the participant's later report, and moves
 * the assignment they belong to along. Each outcome takes the formation's lock, like every other change of it.
 */
@Service
public class NotificationOutcomes {
    static final String ACTOR = "mooring:notification-delivery";

    private final FormationStore store;
    private final MembershipChanges changes;
    private final StatusTokens tokens;
    private final RetryPolicy retries;
    private final SecureRandom random;
    private final Clock clock;

    NotificationOutcomes(
            FormationStore store,
            MembershipChanges changes,
            StatusTokens tokens,
            MooringProperties properties,
            SecureRandom random,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.changes = requireNonNull(changes, "changes");
        this.tokens = requireNonNull(tokens, "tokens");
        this.retries = RetryPolicy.of(properties.notifications());
        this.random = requireNonNull(random, "random");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Records one delivery attempt of a claimed notification. Nothing is recorded when something overtook the
     * attempt: the participant's own report, or a newer attempt after this one's lease ran out.
     */
    @Transactional
    public void recordAttempt(Notification claimed, DeliveryOutcome outcome) {
        Instant now = clock.instant();
        NotificationStatus status;
        Instant next = now;
        String error;
        switch (outcome) {
            case DeliveryOutcome.Answered answered -> {
                status = answered.status();
                error = answered.error();
            }
            case DeliveryOutcome.Refused refused -> {
                status = NotificationStatus.FAILED;
                error = refused.error();
            }
            case DeliveryOutcome.Unreachable unreachable -> {
                boolean again = retries.retries(claimed.attempts());
                status = again ? NotificationStatus.PENDING : NotificationStatus.FAILED;
                next = again ? now.plus(retries.delayAfter(claimed.attempts(), random.nextDouble())) : now;
                error = again
                        ? unreachable.error()
                        : unreachable.error() + " (gave up after " + claimed.attempts() + " attempts)";
            }
        }
        Optional<Formation> formation = store.lock(claimed.globalAccountId(), claimed.formationId());
        if (formation.isEmpty() || !store.recordAttempt(claimed.id(), claimed.attempts(), status, next, error, now)) {
            return;
        }
        settleIfCurrent(formation.get(), claimed, now);
    }

    /** A participant's report on a notification it accepted earlier, authenticated by the notification's token. */
    @Transactional
    public NotificationView report(UUID id, @Nullable String token, FormationRequests.StatusReport report) {
        if (!tokens.matches(id, token)) {
            throw MooringProblem.of(
                    ProblemType.UNAUTHENTICATED,
                    "Send the statusToken of this notification in the Mooring-Status-Token header; it came in the "
                            + "notification's body.");
        }
        NotificationStatus status = NotificationSender.reported(report);
        String error = Inputs.optional(report.error(), "error", 1000);
        Notification notification = store.notification(id).orElseThrow(() -> gone(id));
        Formation formation = store.lock(notification.globalAccountId(), notification.formationId())
                .orElseThrow(() -> gone(id));
        Instant now = clock.instant();
        store.report(
                id,
                status,
                status == NotificationStatus.FAILED
                        ? "The participant reported an error: " + (error == null ? "no reason given" : error)
                        : null,
                now);
        NotificationView reported = NotificationView.of(store.notification(id).orElseThrow(() -> gone(id)));
        settleIfCurrent(formation, notification, now); // may remove the assignment, and the notification with it
        return reported;
    }

    private void settleIfCurrent(Formation formation, Notification notification, Instant now) {
        store.assignment(notification.assignmentId())
                .filter(assignment -> assignment.state().phase() == notification.operation())
                .ifPresent(assignment -> changes.settle(formation, assignment, now, ACTOR));
    }

    private static MooringProblem gone(UUID id) {
        return MooringProblem.of(
                ProblemType.NOT_FOUND,
                "Notification " + id + " no longer exists: the system it was about has left the formation.");
    }
}
