package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.destination.query.DestinationFilter;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Destinations of one owner (a subaccount or a service instance): the operations both APIs share. */
@Service
public class Destinations {
    private final DestinationStore store;
    private final DestinationCodec codec;
    private final DestinationCache cache;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate eachOnItsOwn;

    Destinations(
            DestinationStore store,
            DestinationCodec codec,
            DestinationCache cache,
            AuditLog auditLog,
            IdGenerator ids,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.store = requireNonNull(store, "store");
        this.codec = requireNonNull(codec, "codec");
        this.cache = requireNonNull(cache, "cache");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
        this.eachOnItsOwn = new TransactionTemplate(transactions);
    }

    @Transactional
    public StoredDestination create(Caller caller, DestinationOwner owner, @Nullable Map<String, ?> body) {
        Map<String, String> properties = DestinationValidation.validated(body);
        String name = properties.get("Name");
        if (store.exists(owner.ownerId(), name)) {
            throw nameTaken(owner, name);
        }
        Instant now = clock.instant();
        var destination = new StoredDestination(ids.newId(), owner, name, properties, 1, now, now);
        try {
            store.insert(codec.toRow(destination));
        } catch (DuplicateKeyException e) {
            throw nameTaken(owner, name);
        }
        cache.evict(owner.ownerId(), name);
        auditLog.changed(caller, "destination.create", "destination", destination.id(), describe(owner, name));
        return destination;
    }

    /** Creates each destination on its own: one that fails leaves the others created. */
    public List<Outcome> createAll(Caller caller, DestinationOwner owner, List<? extends Map<String, ?>> bodies) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Map<String, ?> body : bodies) {
            Object name = body == null ? null : body.get("Name");
            try {
                StoredDestination created = eachOnItsOwn.execute(status -> create(caller, owner, body));
                outcomes.add(Outcome.created(requireNonNull(created)));
            } catch (MooringProblem problem) {
                outcomes.add(Outcome.failed(name == null ? "" : name.toString(), problem));
            }
        }
        return outcomes;
    }

    /** Replaces a destination's properties; {@code expectedVersion} (from If-Match) must match when given. */
    @Transactional
    public StoredDestination update(
            Caller caller, DestinationOwner owner, @Nullable Map<String, ?> body, @Nullable Long expectedVersion) {
        Map<String, String> properties = DestinationValidation.validated(body);
        String name = properties.get("Name");
        StoredDestination current = get(owner, name);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw preconditionFailed(name);
        }
        var updated = new StoredDestination(
                current.id(), owner, name, properties, current.version() + 1, current.createdAt(), clock.instant());
        if (!store.update(codec.toRow(updated), current.version())) {
            throw preconditionFailed(name);
        }
        cache.evict(owner.ownerId(), name);
        auditLog.changed(caller, "destination.update", "destination", current.id(), describe(owner, name));
        return updated;
    }

    /**
     * Replaces a destination's properties from a management view, which never shows secrets: a secret the body
     * leaves out keeps its stored value, and one sent as an empty string is removed.
     */
    @Transactional
    public StoredDestination updateKeepingSecrets(
            Caller caller,
            DestinationOwner owner,
            String name,
            @Nullable Map<String, ?> body,
            @Nullable Long expectedVersion) {
        Map<String, Object> merged = body == null ? new LinkedHashMap<>() : new LinkedHashMap<>(body);
        merged.putIfAbsent("Name", name);
        if (!name.equals(merged.get("Name"))) {
            throw MooringProblem.invalidInput("'Name' in the body (" + merged.get("Name") + ") differs from the name in"
                    + " the path (" + name + "); a destination cannot be renamed, create a new one instead.");
        }
        StoredDestination current = get(owner, name);
        current.properties().forEach((key, value) -> {
            if (SecretProperties.isSecret(key)) {
                merged.putIfAbsent(key, value);
            }
        });
        merged.entrySet().removeIf(entry -> SecretProperties.isSecret(entry.getKey()) && "".equals(entry.getValue()));
        return update(caller, owner, merged, expectedVersion);
    }

    @Transactional(readOnly = true)
    public StoredDestination get(DestinationOwner owner, String name) {
        return store.find(owner, name)
                .map(codec::fromRow)
                .orElseThrow(() -> MooringProblem.of(
                        ProblemType.NOT_FOUND,
                        "There is no destination named '" + name + "' in " + owner.describe() + "."));
    }

    /** The owner's destinations in name order, those the filter admits when one is given. */
    @Transactional(readOnly = true)
    public List<StoredDestination> list(DestinationOwner owner, @Nullable DestinationFilter filter) {
        return list(owner, filter, 0, Integer.MAX_VALUE).entries();
    }

    /**
     * A window of the owner's destinations in name order, those the filter admits, and how many it admits in all.
     * Without a filter, or with one that only names names, the database pages; another filter is evaluated on the
     * public properties of every destination, and only the window's rows are unsealed.
     */
    @Transactional(readOnly = true)
    public Listing list(DestinationOwner owner, @Nullable DestinationFilter filter, long offset, int limit) {
        java.util.Set<String> names =
                filter == null ? null : filter.exactNames().orElse(null);
        if (filter == null || names != null) {
            List<StoredDestination> entries = store.list(owner, names, offset, limit).stream()
                    .map(codec::fromRow)
                    .toList();
            long total = offset == 0 && entries.size() < limit ? entries.size() : store.count(owner, names);
            return new Listing(entries, total);
        }
        List<UUID> matching = store.publicProperties(owner).stream()
                .filter(row -> filter.matches(codec.publicProperties(row.json())))
                .map(DestinationStore.PublicProperties::id)
                .toList();
        List<UUID> window = offset >= matching.size()
                ? List.of()
                : matching.subList((int) offset, (int) Math.min(matching.size(), offset + limit));
        List<StoredDestination> entries = window.isEmpty()
                ? List.of()
                : store.byIds(owner, window).stream().map(codec::fromRow).toList();
        return new Listing(entries, matching.size());
    }

    /** Deletes a destination; {@code expectedVersion} (from If-Match) must match when given. */
    @Transactional
    public void delete(Caller caller, DestinationOwner owner, String name, @Nullable Long expectedVersion) {
        StoredDestination current = get(owner, name);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw preconditionFailed(name);
        }
        store.delete(owner.ownerId(), name);
        cache.evict(owner.ownerId(), name);
        auditLog.changed(caller, "destination.delete", "destination", current.id(), describe(owner, name));
    }

    /** Deletes the destinations the filter admits; tells for each name in an in-list whether it was there. */
    @Transactional
    public Map<String, Boolean> deleteAll(Caller caller, DestinationOwner owner, DestinationFilter filter) {
        Map<String, Boolean> deleted = new LinkedHashMap<>();
        filter.exactNames().ifPresent(names -> names.forEach(name -> deleted.put(name, false)));
        for (StoredDestination destination : list(owner, filter)) {
            store.delete(owner.ownerId(), destination.name());
            cache.evict(owner.ownerId(), destination.name());
            auditLog.changed(
                    caller, "destination.delete", "destination", destination.id(), describe(owner, destination.name()));
            deleted.put(destination.name(), true);
        }
        return deleted;
    }

    /**
     * The destination an application asks for: its instance's destination of that name, else its subaccount's.
     * Not in a transaction: a cached destination takes no database connection, a missing one takes one query.
     */
    public Optional<StoredDestination> find(DestinationOwner instance, String name) {
        Optional<StoredDestination> own = cached(instance, name);
        if (own.isPresent() || !instance.isInstanceLevel()) {
            return own;
        }
        return cached(instance.subaccountLevel(), name);
    }

    /** Forgets every destination of an owner, inside the transaction that deletes the owner. */
    @Transactional
    public void deleteOwner(DestinationOwner owner) {
        store.deleteAll(owner.ownerId());
        cache.evictOwner(owner.ownerId());
    }

    private Optional<StoredDestination> cached(DestinationOwner owner, String name) {
        return cache.get(owner.ownerId(), name, () -> store.find(owner, name).map(codec::fromRow));
    }

    private static MooringProblem nameTaken(DestinationOwner owner, String name) {
        return MooringProblem.of(
                ProblemType.NAME_TAKEN,
                "A destination named '" + name + "' already exists in " + owner.describe()
                        + "; change it with PUT or choose another name.");
    }

    private static MooringProblem preconditionFailed(String name) {
        return MooringProblem.of(
                ProblemType.PRECONDITION_FAILED,
                "Destination '" + name + "' changed since you read it; read it again and repeat your change.");
    }

    private static String describe(DestinationOwner owner, String name) {
        return name + " in " + owner.describe();
    }

    /** A window of destinations and how many there are in all. */
    public record Listing(List<StoredDestination> entries, long total) {}

    /** What became of one destination of a bulk creation. */
    public record Outcome(
            String name,
            @Nullable StoredDestination created,
            @Nullable MooringProblem problem) {
        static Outcome created(StoredDestination destination) {
            return new Outcome(destination.name(), destination, null);
        }

        static Outcome failed(String name, MooringProblem problem) {
            return new Outcome(name, null, problem);
        }
    }
}
