package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.web.Page;
import io.mooring.server.platform.web.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers systems of a global account, hands out their integration tokens, lists and changes them. */
@Service
public class SystemRegistry {
    private final SystemStore store;
    private final SystemTypeCatalog types;
    private final IntegrationTokens tokens;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    SystemRegistry(
            SystemStore store,
            SystemTypeCatalog types,
            IntegrationTokens tokens,
            AuditLog auditLog,
            IdGenerator ids,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.types = requireNonNull(types, "types");
        this.tokens = requireNonNull(tokens, "tokens");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Registers a system in status Pending and returns it with its first integration token. */
    @Transactional
    public Registration register(Caller caller, SystemRequests.NewSystem request) {
        UUID account = caller.globalAccountId();
        String name = SystemFields.name(request.name());
        SystemType type = types.type(account, requireType(request.type()));
        String group = SystemFields.scenarioGroup(type, request.communicationScenarioGroup());
        String description = SystemFields.description(request.description());
        Map<String, String> labels = SystemFields.labels(request.labels());
        Instant now = clock.instant();
        LandscapeSystem system =
                LandscapeSystem.pending(ids.newId(), account, name, type, description, group, null, null, labels, now);
        try {
            store.insert(system);
        } catch (DuplicateKeyException e) {
            // the (account, name) constraint decides, also between concurrent registrations; no query beforehand
            throw nameTaken(name);
        }
        IntegrationTokens.IssuedToken token = tokens.issueFirst(account, system.id());
        auditLog.changed(caller, "system.register", "system", system.id(), name + " (" + type.code() + ")");
        return new Registration(system, token);
    }

    /** A new integration token for a Pending system; the previous one stops working. */
    @Transactional
    public IntegrationTokens.IssuedToken newToken(Caller caller, UUID id) {
        LandscapeSystem system =
                store.lock(caller.globalAccountId(), id).orElseThrow(() -> MooringProblem.notFound("System", id));
        if (!system.status().issuesTokens()) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "System '" + system.name() + "' is " + system.status()
                                    + "; integration tokens exist only for Pending systems.")
                    .with("status", system.status());
        }
        IntegrationTokens.IssuedToken token = tokens.issue(caller.globalAccountId(), id);
        auditLog.changed(
                caller, "system.token", "system", id, "new integration token, valid until " + token.expiresAt());
        return token;
    }

    @Transactional(readOnly = true)
    public LandscapeSystem get(Caller caller, UUID id) {
        return requireOwn(caller, id);
    }

    @Transactional(readOnly = true)
    public Page<LandscapeSystem> list(Caller caller, SystemQuery query, PageRequest page) {
        List<LandscapeSystem> systems = store.list(caller.globalAccountId(), query, page);
        return page.page(
                systems,
                system ->
                        List.of(SystemStore.nameKey(system.name()), system.id().toString()));
    }

    /** Changes name, description or labels; with {@code expectedVersion}, only if no one changed it since. */
    @Transactional
    public LandscapeSystem update(
            Caller caller, UUID id, SystemRequests.SystemChange change, @Nullable Long expectedVersion) {
        LandscapeSystem current = requireOwn(caller, id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw staleVersion(current);
        }
        String name = change.name() == null ? current.name() : SystemFields.name(change.name());
        if (!SystemStore.nameKey(name).equals(SystemStore.nameKey(current.name()))) {
            requireFreeName(caller.globalAccountId(), name, id);
        }
        LandscapeSystem updated = current.withDetails(
                name,
                change.description() == null ? current.description() : SystemFields.description(change.description()),
                current.baseUrl(),
                change.labels() == null ? current.labels() : SystemFields.labels(change.labels()),
                clock.instant());
        if (!store.update(updated, current.version())) {
            throw staleVersion(current);
        }
        if (!updated.labels().equals(current.labels())) {
            store.replaceLabels(id, updated.labels());
        }
        auditLog.changed(caller, "system.update", "system", id, null);
        return updated;
    }

    LandscapeSystem requireOwn(Caller caller, UUID id) {
        return store.find(caller.globalAccountId(), id).orElseThrow(() -> MooringProblem.notFound("System", id));
    }

    void requireFreeName(UUID account, String name, @Nullable UUID except) {
        store.idByName(account, name)
                .filter(existing -> !existing.equals(except))
                .ifPresent(existing -> {
                    throw nameTaken(name).with("existingSystemId", existing);
                });
    }

    private static MooringProblem nameTaken(String name) {
        return MooringProblem.of(
                ProblemType.NAME_TAKEN,
                "A system named '" + name + "' already exists in this "
                        + "global account (names are compared ignoring case); choose another name.");
    }

    private static String requireType(@Nullable String type) {
        if (type == null || type.isBlank()) {
            throw MooringProblem.invalidInput("Field 'type' is required; GET /api/v1/system-types lists the types.");
        }
        return type.strip();
    }

    private static MooringProblem staleVersion(LandscapeSystem current) {
        return MooringProblem.of(
                        ProblemType.PRECONDITION_FAILED,
                        "System '" + current.name() + "' was changed by " + "someone else (it is at version "
                                + current.version() + "); read it again and reapply your change.")
                .with("currentVersion", current.version());
    }

    /** A registered system and its first integration token, shown only in this answer. */
    public record Registration(LandscapeSystem system, IntegrationTokens.IssuedToken integrationToken) {}
}
