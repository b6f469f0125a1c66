package io.mooring.server.landscape.entitlement;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.landscape.system.DeregistrationBlocker;
import io.mooring.server.landscape.system.LandscapeSystem;
import io.mooring.server.landscape.system.SystemDirectory;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The entitlement configurations of systems: which service plans a system is assigned. A system with any is not
 * deregistered.
 */
@Service
public class Entitlements implements DeregistrationBlocker {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final int MAX_AMOUNT = 1_000_000;

    private final EntitlementStore store;
    private final SystemDirectory systems;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    Entitlements(EntitlementStore store, SystemDirectory systems, AuditLog auditLog, IdGenerator ids, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.systems = requireNonNull(systems, "systems");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Assigns a service plan to a system, locking the system so that a deregistration cannot pass meanwhile. */
    @Transactional
    public EntitlementAssignment assign(Caller caller, NewEntitlementAssignment request) {
        UUID systemId = request.systemId();
        if (systemId == null) {
            throw MooringProblem.invalidInput("'systemId' is required: the id of the system to entitle.");
        }
        String service = name(request.service(), "service");
        String plan = name(request.plan(), "plan");
        Integer amount = request.amount();
        if (amount != null && (amount < 1 || amount > MAX_AMOUNT)) {
            throw MooringProblem.invalidInput("'amount' must be between 1 and " + MAX_AMOUNT + ", or left out for "
                    + "plans that are not counted.");
        }
        LandscapeSystem system = systems.lock(caller.globalAccountId(), systemId);
        if (!system.status().allowsGrouping()) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "System '" + system.name() + "' is " + system.status()
                                    + "; only Pending or Registered systems can be entitled.")
                    .with("status", system.status());
        }
        EntitlementAssignment assignment =
                new EntitlementAssignment(ids.newId(), systemId, service, plan, amount, clock.instant());
        try {
            store.insert(caller.globalAccountId(), assignment);
        } catch (DuplicateKeyException e) {
            throw MooringProblem.of(
                    ProblemType.CONFLICT,
                    "System '" + system.name() + "' already has " + assignment.describe()
                            + "; remove it first to change its amount.");
        }
        auditLog.changed(
                caller,
                "entitlement.assign",
                "system",
                systemId,
                service + "/" + plan + (amount == null ? "" : " x" + amount));
        return assignment;
    }

    @Transactional(readOnly = true)
    public List<EntitlementAssignment> list(Caller caller, @Nullable UUID systemId) {
        return store.list(caller.globalAccountId(), systemId);
    }

    @Transactional
    public void remove(Caller caller, UUID id) {
        EntitlementAssignment assignment = store.find(caller.globalAccountId(), id)
                .orElseThrow(() -> MooringProblem.notFound("Entitlement assignment", id));
        store.delete(caller.globalAccountId(), id);
        auditLog.changed(
                caller,
                "entitlement.remove",
                "system",
                assignment.systemId(),
                assignment.service() + "/" + assignment.plan());
    }

    @Override
    public List<String> blockersOf(LandscapeSystem system) {
        return store.ofSystem(system.id()).stream()
                .map(EntitlementAssignment::describe)
                .toList();
    }

    private static String name(@Nullable String value, String field) {
        return Inputs.matching(
                Inputs.required(value, field, 128),
                field,
                NAME,
                "the technical name of a service or plan: lower-case letters, digits, dots, dashes and underscores");
    }

    /** The request body: a system and the service plan to assign to it. */
    public record NewEntitlementAssignment(
            @Nullable UUID systemId,
            @Nullable String service,
            @Nullable String plan,
            @Nullable Integer amount) {}
}
