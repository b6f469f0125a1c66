package io.mooring.server.destination;

import static io.mooring.server.db.Tables.DESTINATIONS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.DestinationsRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL for destinations; properties arrive here already split into public JSON and a sealed secret part. */
@Repository
class DestinationStore {
    private final DSLContext db;

    DestinationStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insert(Row row) {
        DestinationsRecord record = db.newRecord(DESTINATIONS);
        record.setId(row.id());
        record.setGlobalAccountId(row.owner().globalAccountId());
        record.setSubaccountId(row.owner().subaccountId());
        record.setOwnerId(row.owner().ownerId());
        record.setName(row.name());
        record.setProperties(row.properties());
        record.setSealedSecrets(row.sealedSecrets());
        record.setVersion(row.version());
        record.setCreatedAt(row.createdAt());
        record.setUpdatedAt(row.updatedAt());
        record.insert();
    }

    boolean exists(UUID ownerId, String name) {
        return db.fetchExists(DESTINATIONS, DESTINATIONS.OWNER_ID.eq(ownerId), DESTINATIONS.NAME.eq(name));
    }

    /** Replaces the properties of a destination at the version it was read; false when it changed meanwhile. */
    boolean update(Row row, long expectedVersion) {
        return db.update(DESTINATIONS)
                        .set(DESTINATIONS.PROPERTIES, row.properties())
                        .set(DESTINATIONS.SEALED_SECRETS, row.sealedSecrets())
                        .set(DESTINATIONS.VERSION, row.version())
                        .set(DESTINATIONS.UPDATED_AT, row.updatedAt())
                        .where(DESTINATIONS.ID.eq(row.id()), DESTINATIONS.VERSION.eq(expectedVersion))
                        .execute()
                == 1;
    }

    Optional<Row> find(DestinationOwner owner, String name) {
        return db.selectFrom(DESTINATIONS)
                .where(DESTINATIONS.OWNER_ID.eq(owner.ownerId()), DESTINATIONS.NAME.eq(name))
                .fetchOptional(r -> toRow(r, owner));
    }

    /**
     * A window of the owner's destinations in name order, all or only those with the given names. The window is
     * chosen on the (owner, name) index alone, then only its rows are read: skipping rows costs no reading of them.
     */
    List<Row> list(DestinationOwner owner, @Nullable Collection<String> names, long offset, int limit) {
        List<UUID> window = db.select(DESTINATIONS.ID)
                .from(DESTINATIONS)
                .where(ofOwner(owner, names))
                .orderBy(DESTINATIONS.NAME)
                .offset(offset)
                .limit(limit)
                .fetch(DESTINATIONS.ID);
        return window.isEmpty() ? List.of() : byIds(owner, window);
    }

    long count(DestinationOwner owner, @Nullable Collection<String> names) {
        return db.fetchCount(DESTINATIONS, ofOwner(owner, names));
    }

    /** Every destination's name and public properties in name order: what a filter is evaluated on. */
    List<PublicProperties> publicProperties(DestinationOwner owner) {
        return db.select(DESTINATIONS.ID, DESTINATIONS.PROPERTIES)
                .from(DESTINATIONS)
                .where(DESTINATIONS.OWNER_ID.eq(owner.ownerId()))
                .orderBy(DESTINATIONS.NAME)
                .fetch(r -> new PublicProperties(r.value1(), r.value2()));
    }

    /** The destinations with these ids, in the order of the ids. */
    List<Row> byIds(DestinationOwner owner, List<UUID> ids) {
        var rows = db.selectFrom(DESTINATIONS)
                .where(DESTINATIONS.OWNER_ID.eq(owner.ownerId()), DESTINATIONS.ID.in(ids))
                .fetchMap(DESTINATIONS.ID, r -> toRow(r, owner));
        return ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
    }

    private static Condition ofOwner(DestinationOwner owner, @Nullable Collection<String> names) {
        Condition condition = DESTINATIONS.OWNER_ID.eq(owner.ownerId());
        return names == null ? condition : condition.and(DESTINATIONS.NAME.in(names));
    }

    boolean delete(UUID ownerId, String name) {
        return db.deleteFrom(DESTINATIONS)
                        .where(DESTINATIONS.OWNER_ID.eq(ownerId), DESTINATIONS.NAME.eq(name))
                        .execute()
                == 1;
    }

    void deleteAll(UUID ownerId) {
        db.deleteFrom(DESTINATIONS).where(DESTINATIONS.OWNER_ID.eq(ownerId)).execute();
    }

    /** Rows whose secrets are sealed, a batch at a time in id order after {@code after}, for re-sealing. */
    List<SealedSecrets> sealedSecrets(@Nullable UUID after, int limit) {
        Condition condition = DESTINATIONS.SEALED_SECRETS.isNotNull();
        if (after != null) {
            condition = condition.and(DESTINATIONS.ID.gt(after));
        }
        return db.select(DESTINATIONS.ID, DESTINATIONS.OWNER_ID, DESTINATIONS.SEALED_SECRETS)
                .from(DESTINATIONS)
                .where(condition)
                .orderBy(DESTINATIONS.ID)
                .limit(limit)
                .fetch(r -> new SealedSecrets(r.value1(), r.value2(), r.value3()));
    }

    /** Replaces sealed secrets only if they are still the ones read, so a change made meanwhile is kept. */
    void reseal(UUID id, String before, String after) {
        db.update(DESTINATIONS)
                .set(DESTINATIONS.SEALED_SECRETS, after)
                .where(DESTINATIONS.ID.eq(id), DESTINATIONS.SEALED_SECRETS.eq(before))
                .execute();
    }

    private static Row toRow(DestinationsRecord r, DestinationOwner owner) {
        return new Row(
                r.getId(),
                owner,
                r.getName(),
                r.getProperties(),
                r.getSealedSecrets(),
                r.getVersion(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }

    /** A destination row: public properties as JSON, secret ones sealed (null when there are none). */
    record Row(
            UUID id,
            DestinationOwner owner,
            String name,
            String properties,
            @Nullable String sealedSecrets,
            long version,
            java.time.Instant createdAt,
            java.time.Instant updatedAt) {}

    record SealedSecrets(UUID id, UUID ownerId, String sealed) {}

    record PublicProperties(UUID id, String json) {}
}
