package io.mooring.server.destination;

import static io.mooring.server.db.Tables.DESTINATION_CERTIFICATES;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.DestinationCertificatesRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL for destination certificates; contents arrive sealed. */
@Repository
class CertificateStore {
    private final DSLContext db;

    CertificateStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insert(Row row) {
        DestinationCertificatesRecord record = db.newRecord(DESTINATION_CERTIFICATES);
        record.setId(row.id());
        record.setGlobalAccountId(row.owner().globalAccountId());
        record.setSubaccountId(row.owner().subaccountId());
        record.setOwnerId(row.owner().ownerId());
        record.setName(row.name());
        record.setType(row.type());
        record.setSealedContent(row.sealedContent());
        record.setVersion(row.version());
        record.setCreatedAt(row.createdAt());
        record.insert();
    }

    void update(Row row) {
        db.update(DESTINATION_CERTIFICATES)
                .set(DESTINATION_CERTIFICATES.TYPE, row.type())
                .set(DESTINATION_CERTIFICATES.SEALED_CONTENT, row.sealedContent())
                .set(DESTINATION_CERTIFICATES.VERSION, row.version())
                .where(DESTINATION_CERTIFICATES.ID.eq(row.id()))
                .execute();
    }

    Optional<Row> find(DestinationOwner owner, String name) {
        return db.selectFrom(DESTINATION_CERTIFICATES)
                .where(DESTINATION_CERTIFICATES.OWNER_ID.eq(owner.ownerId()), DESTINATION_CERTIFICATES.NAME.eq(name))
                .fetchOptional(r -> toRow(r, owner));
    }

    List<Row> list(DestinationOwner owner) {
        return db.selectFrom(DESTINATION_CERTIFICATES)
                .where(DESTINATION_CERTIFICATES.OWNER_ID.eq(owner.ownerId()))
                .orderBy(DESTINATION_CERTIFICATES.NAME)
                .fetch(r -> toRow(r, owner));
    }

    boolean delete(UUID ownerId, String name) {
        return db.deleteFrom(DESTINATION_CERTIFICATES)
                        .where(DESTINATION_CERTIFICATES.OWNER_ID.eq(ownerId), DESTINATION_CERTIFICATES.NAME.eq(name))
                        .execute()
                == 1;
    }

    void deleteAll(UUID ownerId) {
        db.deleteFrom(DESTINATION_CERTIFICATES)
                .where(DESTINATION_CERTIFICATES.OWNER_ID.eq(ownerId))
                .execute();
    }

    List<Sealed> sealedContents(@Nullable UUID after, int limit) {
        var condition = after == null ? DESTINATION_CERTIFICATES.ID.isNotNull() : DESTINATION_CERTIFICATES.ID.gt(after);
        return db.select(
                        DESTINATION_CERTIFICATES.ID,
                        DESTINATION_CERTIFICATES.OWNER_ID,
                        DESTINATION_CERTIFICATES.SEALED_CONTENT)
                .from(DESTINATION_CERTIFICATES)
                .where(condition)
                .orderBy(DESTINATION_CERTIFICATES.ID)
                .limit(limit)
                .fetch(r -> new Sealed(r.value1(), r.value2(), r.value3()));
    }

    /** Replaces sealed content only if it is still the one read, so a change made meanwhile is kept. */
    void reseal(UUID id, String before, String after) {
        db.update(DESTINATION_CERTIFICATES)
                .set(DESTINATION_CERTIFICATES.SEALED_CONTENT, after)
                .where(DESTINATION_CERTIFICATES.ID.eq(id), DESTINATION_CERTIFICATES.SEALED_CONTENT.eq(before))
                .execute();
    }

    private static Row toRow(DestinationCertificatesRecord r, DestinationOwner owner) {
        return new Row(
                r.getId(), owner, r.getName(), r.getType(), r.getSealedContent(), r.getVersion(), r.getCreatedAt());
    }

    record Row(
            UUID id,
            DestinationOwner owner,
            String name,
            String type,
            String sealedContent,
            long version,
            Instant createdAt) {}

    record Sealed(UUID id, UUID ownerId, String sealed) {}
}
