package io.mooring.server.audit;

import static io.mooring.server.db.Tables.AUDIT_EVENTS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.AuditEventsRecord;
import io.mooring.server.platform.web.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL for the audit log. */
@Repository
class AuditStore {
    private final DSLContext db;

    AuditStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insert(AuditEvent event) {
        AuditEventsRecord record = db.newRecord(AUDIT_EVENTS);
        record.setId(event.id());
        record.setGlobalAccountId(event.globalAccountId());
        record.setOccurredAt(event.occurredAt());
        record.setActor(event.actor());
        record.setAction(event.action());
        record.setTargetType(event.targetType());
        record.setTargetId(event.targetId());
        record.setOutcome(event.outcome().name());
        record.setDetail(event.detail());
        record.setClientAddress(event.clientAddress());
        record.insert();
    }

    /** Newest first; ids are time-ordered, so the id alone is the sort key. */
    List<AuditEvent> find(UUID globalAccountId, AuditQuery query, PageRequest page) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(AUDIT_EVENTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId));
        if (query.action() != null) {
            conditions.add(AUDIT_EVENTS.ACTION.eq(query.action()));
        }
        if (query.outcome() != null) {
            conditions.add(AUDIT_EVENTS.OUTCOME.eq(query.outcome().name()));
        }
        if (query.targetId() != null) {
            conditions.add(AUDIT_EVENTS.TARGET_ID.eq(query.targetId()));
        }
        if (query.since() != null) {
            conditions.add(AUDIT_EVENTS.OCCURRED_AT.ge(query.since()));
        }
        if (!page.isFirst()) {
            conditions.add(AUDIT_EVENTS.ID.lt(UUID.fromString(page.after().getFirst())));
        }
        return db.selectFrom(AUDIT_EVENTS)
                .where(conditions)
                .orderBy(AUDIT_EVENTS.ID.desc())
                .limit(page.limit() + 1)
                .fetch(AuditStore::toEvent);
    }

    private static AuditEvent toEvent(AuditEventsRecord record) {
        return new AuditEvent(
                record.getId(),
                record.getGlobalAccountId(),
                record.getOccurredAt(),
                record.getActor(),
                record.getAction(),
                record.getTargetType(),
                record.getTargetId(),
                AuditEvent.Outcome.valueOf(record.getOutcome()),
                record.getDetail(),
                record.getClientAddress());
    }
}
