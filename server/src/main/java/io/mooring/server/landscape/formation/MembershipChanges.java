package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditEvent;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.landscape.system.LandscapeSystem;
import io.mooring.server.platform.id.IdGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The state machine of assignments, shared by administrators' changes and the delivery of notifications: systems
 * join and leave with the notifications that tell the participants, and each assignment follows its notifications
 * to Ready, an error, or out of the formation. Every method runs inside a transaction that holds the formation's
 * lock.
 */
@Component
class MembershipChanges {
    private final FormationStore store;
    private final NotificationOutbox outbox;
    private final IdGenerator ids;
    private final AuditLog auditLog;

    MembershipChanges(FormationStore store, NotificationOutbox outbox, IdGenerator ids, AuditLog auditLog) {
        this.store = requireNonNull(store, "store");
        this.outbox = requireNonNull(outbox, "outbox");
        this.ids = requireNonNull(ids, "ids");
        this.auditLog = requireNonNull(auditLog, "auditLog");
    }

    /**
     * Adds systems to a formation. Each joining system is told, with the list of all participants; when a system
     * joins an existing formation, the members who are staying are told as well. A formation being created tells
     * only its founders: each one's notification lists all the others. A system with no one to tell is Ready at
     * once.
     */
    List<Assignment> join(
            Formation formation,
            FormationType type,
            List<LandscapeSystem> joining,
            List<Member> members,
            boolean creating,
            Instant now) {
        List<LandscapeSystem> staying =
                members.stream().filter(m -> !m.leaving()).map(Member::system).toList();
        List<LandscapeSystem> participants = new ArrayList<>(staying);
        participants.addAll(joining);
        List<Assignment> joined = new ArrayList<>();
        for (LandscapeSystem system : joining) {
            Assignment assignment = new Assignment(
                    ids.newId(),
                    formation.id(),
                    system.id(),
                    formation.globalAccountId(),
                    AssignmentState.INITIAL,
                    null,
                    now,
                    now);
            store.insert(assignment);
            List<LandscapeSystem> recipients = new ArrayList<>();
            recipients.add(system);
            if (!creating) {
                recipients.addAll(staying);
            }
            int told = outbox.write(
                    formation, type, assignment, system, NotificationOperation.ASSIGN, recipients, participants, now);
            if (told == 0) {
                assignment = assignment.in(AssignmentState.READY, null, now);
                store.update(assignment);
            }
            joined.add(assignment);
        }
        return joined;
    }

    /**
     * Starts a member's leaving: it is told, and so are the members who stay, unless the whole formation is being
     * dissolved. With no one to tell it is gone at once (empty); otherwise it is Deleting until every notification
     * is answered.
     */
    Optional<Assignment> leave(
            Formation formation,
            FormationType type,
            Member leaving,
            List<Member> members,
            boolean dissolving,
            Instant now) {
        List<LandscapeSystem> staying = members.stream()
                .filter(m -> !m.leaving()
                        && !m.assignment().id().equals(leaving.assignment().id()))
                .map(Member::system)
                .toList();
        List<LandscapeSystem> recipients = new ArrayList<>();
        recipients.add(leaving.system());
        if (!dissolving) {
            recipients.addAll(staying);
        }
        int told = outbox.write(
                formation,
                type,
                leaving.assignment(),
                leaving.system(),
                NotificationOperation.UNASSIGN,
                recipients,
                dissolving ? List.of() : staying,
                now);
        if (told == 0) {
            store.deleteAssignment(leaving.assignment().id());
            return Optional.empty();
        }
        Assignment deleting = leaving.assignment().in(AssignmentState.DELETING, null, now);
        store.update(deleting);
        return Optional.of(deleting);
    }

    /**
     * Sends the notifications of an assignment's current phase that are not answered yet again, from the first
     * attempt, and puts the assignment back on its way (an error becomes Initial or Deleting).
     */
    Optional<Assignment> retry(Formation formation, Assignment assignment, Instant now, String actor) {
        List<UUID> unanswered = store
                .notifications(assignment.id(), assignment.state().phase())
                .stream()
                .filter(n -> n.status() != NotificationStatus.DONE)
                .map(Notification::id)
                .toList();
        store.resend(unanswered, now);
        if (!unanswered.isEmpty()) {
            outbox.afterCommitSignal();
        }
        return settle(formation, assignment, now, actor);
    }

    /**
     * Brings an assignment's state in line with the notifications of its phase. An assignment whose leaving is
     * fully answered is removed, and a formation being deleted goes with its last member. Returns the assignment
     * as it is now, or empty when it is gone.
     */
    Optional<Assignment> settle(Formation formation, Assignment assignment, Instant now, String actor) {
        List<Notification> phase =
                store.notifications(assignment.id(), assignment.state().phase());
        String error = phase.stream()
                .filter(n -> n.status() == NotificationStatus.FAILED)
                .map(n -> n.lastError())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        Optional<AssignmentProgress.Settled> settled = AssignmentProgress.settle(
                assignment.state(), phase.stream().map(Notification::status).toList(), error);
        if (settled.isEmpty()) {
            store.deleteAssignment(assignment.id());
            auditLog.recorded(
                    formation.globalAccountId(),
                    actor,
                    "formation.system-left",
                    "formation",
                    formation.id(),
                    AuditEvent.Outcome.SUCCESS,
                    "system " + assignment.systemId() + " left " + formation.name());
            finishDeletion(formation, actor);
            return Optional.empty();
        }
        AssignmentProgress.Settled state = settled.get();
        if (state.state() == assignment.state() && Objects.equals(state.error(), assignment.error())) {
            return Optional.of(assignment);
        }
        Assignment changed = assignment.in(state.state(), state.error(), now);
        store.update(changed);
        auditLog.recorded(
                formation.globalAccountId(),
                actor,
                "formation.assignment-state",
                "formation",
                formation.id(),
                state.state().failed() ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS,
                "system " + assignment.systemId() + " " + assignment.state() + " -> " + state.state()
                        + (state.error() == null ? "" : ": " + state.error()));
        return Optional.of(changed);
    }

    /** Deletes a formation that is being deleted once it has no members left; true when it is gone. */
    boolean finishDeletion(Formation formation, String actor) {
        if (formation.lifecycle() != Formation.Lifecycle.DELETING
                || !store.assignments(formation.id()).isEmpty()) {
            return false;
        }
        store.delete(formation.id());
        auditLog.recorded(
                formation.globalAccountId(),
                actor,
                "formation.delete",
                "formation",
                formation.id(),
                AuditEvent.Outcome.SUCCESS,
                "deleted " + formation.name() + " after its last member left");
        return true;
    }
}
