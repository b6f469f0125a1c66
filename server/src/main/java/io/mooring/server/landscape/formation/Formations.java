package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.landscape.formation.FormationViews.FormationView;
import io.mooring.server.landscape.formation.rule.Operation;
import io.mooring.server.landscape.system.LandscapeSystem;
import io.mooring.server.landscape.system.SystemDirectory;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.validation.Inputs;
import io.mooring.server.platform.web.Page;
import io.mooring.server.platform.web.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Formations of the caller's global account: create with their first systems, list, read, rename, delete. */
@Service
public class Formations {
    private static final int MAX_FOUNDERS = 100;

    private final FormationStore store;
    private final FormationTypeCatalog types;
    private final SystemDirectory systems;
    private final Members members;
    private final RuleGate rules;
    private final MembershipChanges changes;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    Formations(
            FormationStore store,
            FormationTypeCatalog types,
            SystemDirectory systems,
            Members members,
            RuleGate rules,
            MembershipChanges changes,
            AuditLog auditLog,
            IdGenerator ids,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.types = requireNonNull(types, "types");
        this.systems = requireNonNull(systems, "systems");
        this.members = requireNonNull(members, "members");
        this.rules = requireNonNull(rules, "rules");
        this.changes = requireNonNull(changes, "changes");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Creates a formation with its first systems, which must keep the type's rules together. */
    @Transactional
    public FormationView create(Caller caller, FormationRequests.NewFormation request) {
        UUID account = caller.globalAccountId();
        String name = name(request.name());
        FormationType type = types.type(account, Inputs.required(request.type(), "type", 64));
        Set<UUID> founderIds = new LinkedHashSet<>(request.systemIds() == null ? List.of() : request.systemIds());
        if (founderIds.contains(null)) {
            throw MooringProblem.invalidInput("'systemIds' cannot contain null.");
        }
        if (founderIds.size() > MAX_FOUNDERS) {
            throw MooringProblem.invalidInput(
                    "A formation starts with at most " + MAX_FOUNDERS + " systems; assign more after creating it.");
        }
        Instant now = clock.instant();
        Formation formation =
                new Formation(ids.newId(), account, name, type.code(), Formation.Lifecycle.ACTIVE, now, now, 1);
        List<LandscapeSystem> founders = systems.lock(account, founderIds);
        requireAllFound(founderIds, founders);
        founders.forEach(Formations::requireJoinable);
        rules.check(formation, type, Operation.CREATE, founders, founders, List.of());
        try {
            store.insert(formation);
        } catch (DuplicateKeyException e) {
            throw nameTaken(name);
        }
        changes.join(formation, type, founders, List.of(), true, now);
        auditLog.changed(
                caller,
                "formation.create",
                "formation",
                formation.id(),
                name + " (" + type.code() + ") with " + founders.size() + " systems");
        return members.view(formation, type);
    }

    @Transactional(readOnly = true)
    public Page<FormationView> list(Caller caller, @Nullable String type, PageRequest page) {
        List<Formation> formations = store.list(caller.globalAccountId(), type, page);
        Page<Formation> fetched =
                page.page(formations, f -> List.of(FormationStore.nameKey(f.name()), f.id().toString()));
        return new Page<>(members.summaries(fetched.items()), fetched.nextCursor());
    }

    @Transactional(readOnly = true)
    public FormationView get(Caller caller, UUID id) {
        Formation formation = members.find(caller, id);
        return members.view(
                formation,
                types.find(caller.globalAccountId(), formation.type()).orElse(null));
    }

    /** Renames a formation; with {@code expectedVersion}, only when no one changed it since. */
    @Transactional
    public FormationView rename(
            Caller caller, UUID id, FormationRequests.FormationChange change, @Nullable Long expectedVersion) {
        Formation formation = members.lock(caller, id);
        if (expectedVersion != null && expectedVersion != formation.version()) {
            throw MooringProblem.of(
                    ProblemType.PRECONDITION_FAILED,
                    "The formation changed since you read it (version " + formation.version() + ", not "
                            + expectedVersion + "); read it again and retry.");
        }
        requireActive(formation);
        String name = name(change.name());
        Formation renamed = formation.renamed(name, clock.instant());
        try {
            store.update(renamed, formation.version());
        } catch (DuplicateKeyException e) {
            throw nameTaken(name);
        }
        auditLog.changed(caller, "formation.rename", "formation", id, formation.name() + " -> " + name);
        return members.view(
                renamed, types.find(caller.globalAccountId(), renamed.type()).orElse(null));
    }

    /**
     * Deletes a formation. One with members is refused unless {@code unassignMembers}: then every member leaves,
     * and the formation is deleted once the last one has (at once when no one needs to be told). Returns the
     * formation while it is still being deleted, empty once it is gone.
     */
    @Transactional
    public java.util.Optional<FormationView> delete(Caller caller, UUID id, boolean unassignMembers) {
        Formation formation = members.lock(caller, id);
        FormationType type = types.type(caller.globalAccountId(), formation.type());
        List<Member> current = members.of(formation);
        if (!current.isEmpty() && !unassignMembers) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "Formation '" + formation.name() + "' still has " + current.size()
                                    + " systems; unassign them first, or delete with unassignMembers=true.")
                    .with(
                            "members",
                            current.stream().map(m -> m.system().name()).toList());
        }
        List<LandscapeSystem> leaving =
                current.stream().filter(m -> !m.leaving()).map(Member::system).toList();
        rules.check(formation, type, Operation.DELETE, List.of(), List.of(), leaving);
        Instant now = clock.instant();
        Formation deleting =
                formation.lifecycle() == Formation.Lifecycle.DELETING ? formation : formation.deleting(now);
        if (deleting != formation) {
            store.update(deleting, formation.version());
        }
        for (Member member : current) {
            if (!member.leaving()) {
                changes.leave(deleting, type, member, current, true, now);
            }
        }
        auditLog.changed(caller, "formation.delete", "formation", id, formation.name());
        if (changes.finishDeletion(deleting, AuditLog.describe(caller))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(members.view(deleting, type));
    }

    /**
     * Sends every notification of the formation that is not answered yet again, from the first attempt: failed
     * assignments go back on their way, and participants that never reported get asked again.
     */
    @Transactional
    public FormationView resynchronize(Caller caller, UUID id) {
        Formation formation = members.lock(caller, id);
        Instant now = clock.instant();
        String actor = AuditLog.describe(caller);
        for (Member member : members.of(formation)) {
            if (member.assignment().state() != AssignmentState.READY) {
                changes.retry(formation, member.assignment(), now, actor);
            }
        }
        auditLog.changed(caller, "formation.resynchronize", "formation", id, formation.name());
        return store.find(caller.globalAccountId(), id)
                .map(f -> members.view(
                        f, types.find(caller.globalAccountId(), f.type()).orElse(null)))
                .orElseThrow(() -> MooringProblem.notFound("Formation", id));
    }

    static void requireActive(Formation formation) {
        if (formation.lifecycle() == Formation.Lifecycle.DELETING) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "Formation '" + formation.name() + "' is being deleted; it takes no changes any more.")
                    .with("lifecycle", formation.lifecycle());
        }
    }

    /** Systems in Error or on their way out of Mooring join no formation, whatever the type's rules say. */
    static void requireJoinable(LandscapeSystem system) {
        if (!system.status().allowsGrouping()) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "System '" + system.name() + "' is " + system.status()
                                    + "; only Pending or Registered systems can join a formation.")
                    .with("systemId", system.id())
                    .with("status", system.status());
        }
    }

    static void requireAllFound(Set<UUID> wanted, List<LandscapeSystem> found) {
        List<UUID> missing = new ArrayList<>(wanted);
        found.forEach(system -> missing.remove(system.id()));
        if (!missing.isEmpty()) {
            throw MooringProblem.of(
                            ProblemType.NOT_FOUND,
                            "No systems with the ids " + missing
                                    + " exist in this global account; list them with GET /api/v1/systems.")
                    .with("missing", missing);
        }
    }

    private static String name(@Nullable String name) {
        return Inputs.printableAscii(Inputs.required(name, "name", 255).strip(), "name");
    }

    private static MooringProblem nameTaken(String name) {
        return MooringProblem.of(
                ProblemType.NAME_TAKEN,
                "A formation named '" + name + "' already exists in this global account (names ignore case); "
                        + "choose another name.");
    }
}
