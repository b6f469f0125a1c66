package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.SystemClients;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deregisters systems in SAP's two steps: the system turns Deregistering (refused in Error, Deregistering and
 * Deregister Error, and while anything still holds it), then its credentials are revoked and it is removed. When
 * the removal fails, the system is left in Deregister Error with the reason.
 */
@Service
public class Deregistration {
    private static final Logger log = LoggerFactory.getLogger(Deregistration.class);

    private final SystemStore store;
    private final SystemClients systemClients;
    private final List<DeregistrationBlocker> blockers;
    private final AuditLog auditLog;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Deregistration(
            SystemStore store,
            SystemClients systemClients,
            List<DeregistrationBlocker> blockers,
            AuditLog auditLog,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.store = requireNonNull(store, "store");
        this.systemClients = requireNonNull(systemClients, "systemClients");
        this.blockers = List.copyOf(blockers);
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.clock = requireNonNull(clock, "clock");
        this.transaction = new TransactionTemplate(transactions);
    }

    public void deregister(Caller caller, UUID id) {
        LandscapeSystem deregistering = requireNonNull(transaction.execute(status -> begin(caller, id)));
        try {
            transaction.executeWithoutResult(status -> remove(caller, deregistering));
        } catch (RuntimeException e) {
            log.error("Deregistering system {} failed", id, e);
            transaction.executeWithoutResult(status -> recordError(caller, deregistering, e));
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "Deregistering system '" + deregistering.name()
                                    + "' failed; it is now in Deregister Error. Report this to your operator.")
                    .with("status", SystemStatus.DEREGISTER_ERROR);
        }
    }

    private LandscapeSystem begin(Caller caller, UUID id) {
        LandscapeSystem system =
                store.lock(caller.globalAccountId(), id).orElseThrow(() -> MooringProblem.notFound("System", id));
        if (!system.status().allowsDeregistration()) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "System '" + system.name() + "' is " + system.status()
                                    + "; systems in Error, Deregistering or Deregister Error cannot be deregistered.")
                    .with("status", system.status());
        }
        List<String> holding =
                blockers.stream().flatMap(b -> b.blockersOf(system).stream()).toList();
        if (!holding.isEmpty()) {
            throw MooringProblem.of(
                            ProblemType.DEREGISTRATION_BLOCKED,
                            "System '" + system.name() + "' is still used " + "by " + String.join(", ", holding)
                                    + "; remove it from them first.")
                    .with("blockedBy", holding);
        }
        LandscapeSystem deregistering = system.withStatus(SystemStatus.DEREGISTERING, null, clock.instant());
        store.update(deregistering, system.version());
        auditLog.changed(caller, "system.deregister", "system", id, "deregistering " + system.name());
        return deregistering;
    }

    private void remove(Caller caller, LandscapeSystem system) {
        systemClients.revoke(system.globalAccountId(), system.id());
        if (!store.delete(system.globalAccountId(), system.id())) {
            throw new IllegalStateException("System " + system.id() + " vanished while it was being deregistered");
        }
        auditLog.changed(caller, "system.remove", "system", system.id(), "removed " + system.name());
    }

    private void recordError(Caller caller, LandscapeSystem system, RuntimeException cause) {
        store.lock(system.globalAccountId(), system.id()).ifPresent(current -> {
            store.update(
                    current.withStatus(
                            SystemStatus.DEREGISTER_ERROR, "Removal failed: " + cause.getMessage(), clock.instant()),
                    current.version());
            auditLog.recorded(
                    system.globalAccountId(),
                    AuditLog.describe(caller),
                    "system.deregister",
                    "system",
                    system.id(),
                    io.mooring.server.audit.AuditEvent.Outcome.FAILURE,
                    cause.getMessage());
        });
    }
}
