package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.landscape.formation.FormationViews.AssignmentView;
import io.mooring.server.landscape.formation.FormationViews.NotificationView;
import io.mooring.server.landscape.formation.rule.Operation;
import io.mooring.server.landscape.system.LandscapeSystem;
import io.mooring.server.landscape.system.SystemDirectory;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assigns systems to formations and unassigns them. Each change locks the formation, then the joining system, and
 * evaluates the type's rules in that transaction: two changes that would break an "at most one" rule together
 * take turns, and the second one sees the first.
 */
@Service
public class Memberships {
    private static final int NOTIFICATIONS_SHOWN = 200;

    private final FormationStore store;
    private final FormationTypeCatalog types;
    private final SystemDirectory systems;
    private final Members members;
    private final RuleGate rules;
    private final MembershipChanges changes;
    private final AuditLog auditLog;
    private final Clock clock;

    Memberships(
            FormationStore store,
            FormationTypeCatalog types,
            SystemDirectory systems,
            Members members,
            RuleGate rules,
            MembershipChanges changes,
            AuditLog auditLog,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.types = requireNonNull(types, "types");
        this.systems = requireNonNull(systems, "systems");
        this.members = requireNonNull(members, "members");
        this.rules = requireNonNull(rules, "rules");
        this.changes = requireNonNull(changes, "changes");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Assigns a system to a formation. Assigning a member again changes nothing, except that a failed join is
     * retried.
     */
    @Transactional
    public Assigned assign(Caller caller, UUID formationId, FormationRequests.NewAssignment request) {
        UUID systemId = request.systemId();
        if (systemId == null) {
            throw MooringProblem.invalidInput("'systemId' is required: the id of the system to assign.");
        }
        Formation formation = members.lock(caller, formationId);
        Formations.requireActive(formation);
        FormationType type = types.type(caller.globalAccountId(), formation.type());
        Instant now = clock.instant();
        Optional<Assignment> existing = store.assignment(formation.id(), systemId);
        if (existing.isPresent()) {
            return new Assigned(again(caller, formation, type, existing.get(), now), false);
        }
        LandscapeSystem system = systems.lock(caller.globalAccountId(), systemId);
        Formations.requireJoinable(system);
        List<Member> current = members.of(formation);
        List<LandscapeSystem> after =
                new ArrayList<>(current.stream().map(Member::system).toList());
        after.add(system);
        rules.check(formation, type, Operation.ASSIGN, after, List.of(system), List.of());
        Assignment assignment = changes.join(formation, type, List.of(system), current, false, now)
                .getFirst();
        auditLog.changed(
                caller, "formation.assign", "formation", formation.id(), system.name() + " joins " + formation.name());
        return new Assigned(members.assignment(formation, type, assignment, system), true);
    }

    /**
     * Unassigns a system. It leaves at once when no one needs to be told (empty), otherwise it is Deleting until
     * every participant has answered.
     */
    @Transactional
    public Optional<AssignmentView> unassign(Caller caller, UUID formationId, UUID systemId) {
        Formation formation = members.lock(caller, formationId);
        FormationType type = types.type(caller.globalAccountId(), formation.type());
        List<Member> current = members.of(formation);
        Member leaving = current.stream()
                .filter(m -> m.system().id().equals(systemId))
                .findFirst()
                .orElseThrow(() -> notMember(formation, systemId));
        Instant now = clock.instant();
        String actor = AuditLog.describe(caller);
        if (leaving.leaving()) {
            Optional<Assignment> retried = leaving.assignment().state() == AssignmentState.DELETE_ERROR
                    ? changes.retry(formation, leaving.assignment(), now, actor)
                    : Optional.of(leaving.assignment());
            return retried.map(a -> members.assignment(formation, type, a, leaving.system()));
        }
        List<LandscapeSystem> staying = current.stream()
                .filter(m -> !m.leaving() && m != leaving)
                .map(Member::system)
                .toList();
        rules.check(formation, type, Operation.UNASSIGN, staying, List.of(), List.of(leaving.system()));
        Optional<Assignment> left = changes.leave(formation, type, leaving, current, false, now);
        auditLog.changed(
                caller,
                "formation.unassign",
                "formation",
                formation.id(),
                leaving.system().name() + " leaves " + formation.name());
        return left.map(a -> members.assignment(formation, type, a, leaving.system()));
    }

    @Transactional(readOnly = true)
    public List<AssignmentView> assignments(Caller caller, UUID formationId) {
        Formation formation = members.find(caller, formationId);
        FormationType type =
                types.find(caller.globalAccountId(), formation.type()).orElse(null);
        return members.of(formation).stream()
                .map(m -> members.assignment(formation, type, m.assignment(), m.system()))
                .toList();
    }

    @Transactional(readOnly = true)
    public AssignmentView assignment(Caller caller, UUID formationId, UUID systemId) {
        Formation formation = members.find(caller, formationId);
        Assignment assignment =
                store.assignment(formation.id(), systemId).orElseThrow(() -> notMember(formation, systemId));
        LandscapeSystem system =
                systems.find(caller.globalAccountId(), Set.of(systemId)).getFirst();
        return members.assignment(
                formation,
                types.find(caller.globalAccountId(), formation.type()).orElse(null),
                assignment,
                system);
    }

    /** The formation's notifications, newest first: what the outbox holds and where each delivery stands. */
    @Transactional(readOnly = true)
    public List<NotificationView> notifications(Caller caller, UUID formationId) {
        Formation formation = members.find(caller, formationId);
        return store.notificationsOfFormation(formation.id(), NOTIFICATIONS_SHOWN).stream()
                .map(NotificationView::of)
                .toList();
    }

    private AssignmentView again(
            Caller caller, Formation formation, FormationType type, Assignment existing, Instant now) {
        LandscapeSystem system = systems.find(caller.globalAccountId(), Set.of(existing.systemId()))
                .getFirst();
        if (existing.state().leaving()) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "System '" + system.name() + "' is leaving formation '" + formation.name()
                                    + "'; assign it again once it has left.")
                    .with("state", existing.state());
        }
        Assignment current = existing;
        if (existing.state() == AssignmentState.CREATE_ERROR) {
            current = changes.retry(formation, existing, now, AuditLog.describe(caller))
                    .orElseThrow();
            auditLog.changed(caller, "formation.assign-retry", "formation", formation.id(), system.name());
        }
        return members.assignment(formation, type, current, system);
    }

    private static MooringProblem notMember(Formation formation, @Nullable UUID systemId) {
        return MooringProblem.of(
                ProblemType.NOT_FOUND,
                "System " + systemId + " is not in formation '" + formation.name() + "'; list its members with "
                        + "GET /api/v1/formations/" + formation.id() + "/assignments.");
    }

    /** The outcome of an assign: the assignment, and whether this request made it. */
    public record Assigned(AssignmentView assignment, boolean created) {}
}
