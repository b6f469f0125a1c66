package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports systems found by auto-discovery, idempotently by system number: unknown numbers become Pending systems
 * marked as discovered, known ones take the discovered name, description, base URL and labels. The whole batch is
 * checked before anything is written, and written in one transaction.
 */
@Service
public class DiscoveryImport {
    static final int MAX_BATCH = 1000;

    private final SystemStore store;
    private final SystemTypeCatalog types;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    DiscoveryImport(SystemStore store, SystemTypeCatalog types, AuditLog auditLog, IdGenerator ids, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.types = requireNonNull(types, "types");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional
    public ImportResult importSystems(Caller caller, SystemRequests.Discovery discovery) {
        List<Candidate> candidates = validate(caller.globalAccountId(), discovery);
        Instant now = clock.instant();
        List<ImportedSystem> imported = new ArrayList<>();
        for (Candidate candidate : candidates) {
            imported.add(candidate
                    .existing()
                    .map(existing -> refresh(caller, existing, candidate, now))
                    .orElseGet(() -> create(caller, candidate, now)));
        }
        return ImportResult.of(imported);
    }

    private List<Candidate> validate(UUID account, SystemRequests.Discovery discovery) {
        List<SystemRequests.DiscoveredSystem> systems = discovery.systems();
        if (systems == null || systems.isEmpty() || systems.size() > MAX_BATCH) {
            throw MooringProblem.invalidInput("Field 'systems' must list 1 to " + MAX_BATCH + " discovered systems.");
        }
        Set<String> numbers = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            Candidate candidate = candidate(account, "systems[" + i + "]", systems.get(i));
            if (!numbers.add(candidate.systemNumber()) || !names.add(SystemStore.nameKey(candidate.name()))) {
                throw MooringProblem.invalidInput("systems[" + i + "] repeats a system number or name of an earlier "
                        + "entry; list every system once.");
            }
            candidates.add(candidate);
        }
        return candidates;
    }

    private Candidate candidate(UUID account, String at, SystemRequests.DiscoveredSystem discovered) {
        String number = Inputs.printableAscii(
                Inputs.required(discovered.systemNumber(), at + ".systemNumber", 128), at + ".systemNumber");
        String name = SystemFields.name(discovered.name());
        SystemType type = types.type(account, Inputs.required(discovered.type(), at + ".type", 64));
        Optional<LandscapeSystem> existing = store.findByNumber(account, number);
        if (existing.isPresent() && !existing.get().type().equals(type.code())) {
            throw MooringProblem.of(
                    ProblemType.CONFLICT,
                    at + ": system number " + number + " is registered as type "
                            + existing.get().type() + ", not " + type.code() + "; correct the discovered type.");
        }
        store.idByName(account, name)
                .filter(id -> existing.map(e -> !e.id().equals(id)).orElse(true))
                .ifPresent(id -> {
                    throw MooringProblem.of(
                                    ProblemType.NAME_TAKEN,
                                    at + ": another system is already named '" + name + "'; rename one of them.")
                            .with("existingSystemId", id);
                });
        return new Candidate(
                number,
                name,
                type,
                SystemFields.description(discovered.description()),
                Inputs.httpUrl(discovered.baseUrl(), at + ".baseUrl"),
                SystemFields.labels(discovered.labels()),
                existing);
    }

    private ImportedSystem create(Caller caller, Candidate c, Instant now) {
        LandscapeSystem system = LandscapeSystem.pending(
                ids.newId(),
                caller.globalAccountId(),
                c.name(),
                c.type(),
                c.description(),
                SystemFields.scenarioGroup(c.type(), null),
                c.systemNumber(),
                c.baseUrl(),
                c.labels(),
                now);
        store.insert(system);
        store.claimNumber(caller.globalAccountId(), c.systemNumber(), system.id());
        auditLog.changed(caller, "system.discover", "system", system.id(), c.name() + " (" + c.systemNumber() + ")");
        return new ImportedSystem(c.systemNumber(), system.id(), Outcome.CREATED);
    }

    private ImportedSystem refresh(Caller caller, LandscapeSystem e, Candidate c, Instant now) {
        boolean same = e.name().equals(c.name())
                && Objects.equals(e.description(), c.description())
                && Objects.equals(e.baseUrl(), c.baseUrl())
                && e.labels().equals(c.labels());
        if (same) {
            return new ImportedSystem(c.systemNumber(), e.id(), Outcome.UNCHANGED);
        }
        LandscapeSystem updated = e.withDetails(c.name(), c.description(), c.baseUrl(), c.labels(), now);
        if (!store.update(updated, e.version())) {
            throw MooringProblem.of(
                    ProblemType.CONFLICT,
                    "System " + c.systemNumber() + " changed during the import; " + "send the import again.");
        }
        auditLog.changed(caller, "system.discover", "system", e.id(), "refreshed " + c.name());
        return new ImportedSystem(c.systemNumber(), e.id(), Outcome.UPDATED);
    }

    private record Candidate(
            String systemNumber,
            String name,
            SystemType type,
            @Nullable String description,
            @Nullable String baseUrl,
            Map<String, String> labels,
            Optional<LandscapeSystem> existing) {}

    /** What the import did with one discovered system. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** One discovered system and what became of it. */
    public record ImportedSystem(String systemNumber, UUID id, Outcome outcome) {}

    /** Counts per outcome, and each system's outcome in the order given. */
    public record ImportResult(int created, int updated, int unchanged, List<ImportedSystem> systems) {
        static ImportResult of(List<ImportedSystem> systems) {
            return new ImportResult(
                    count(systems, Outcome.CREATED),
                    count(systems, Outcome.UPDATED),
                    count(systems, Outcome.UNCHANGED),
                    systems);
        }

        private static int count(List<ImportedSystem> systems, Outcome outcome) {
            return (int) systems.stream().filter(s -> s.outcome() == outcome).count();
        }
    }
}
