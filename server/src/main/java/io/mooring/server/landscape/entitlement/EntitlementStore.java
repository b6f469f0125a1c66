package io.mooring.server.landscape.entitlement;

import static io.mooring.server.db.Tables.ENTITLEMENT_ASSIGNMENTS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.EntitlementAssignmentsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL for entitlement assignments. */
@Repository
class EntitlementStore {
    private final DSLContext db;

    EntitlementStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insert(UUID globalAccountId, EntitlementAssignment assignment) {
        EntitlementAssignmentsRecord record = db.newRecord(ENTITLEMENT_ASSIGNMENTS);
        record.setId(assignment.id());
        record.setGlobalAccountId(globalAccountId);
        record.setSystemId(assignment.systemId());
        record.setServiceName(assignment.service());
        record.setPlanName(assignment.plan());
        record.setAmount(assignment.amount());
        record.setCreatedAt(assignment.createdAt());
        record.insert();
    }

    List<EntitlementAssignment> list(UUID globalAccountId, @Nullable UUID systemId) {
        Condition condition = ENTITLEMENT_ASSIGNMENTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId);
        if (systemId != null) {
            condition = condition.and(ENTITLEMENT_ASSIGNMENTS.SYSTEM_ID.eq(systemId));
        }
        return db.selectFrom(ENTITLEMENT_ASSIGNMENTS)
                .where(condition)
                .orderBy(
                        ENTITLEMENT_ASSIGNMENTS.SERVICE_NAME,
                        ENTITLEMENT_ASSIGNMENTS.PLAN_NAME,
                        ENTITLEMENT_ASSIGNMENTS.ID)
                .fetch(EntitlementStore::toAssignment);
    }

    List<EntitlementAssignment> ofSystem(UUID systemId) {
        return db.selectFrom(ENTITLEMENT_ASSIGNMENTS)
                .where(ENTITLEMENT_ASSIGNMENTS.SYSTEM_ID.eq(systemId))
                .orderBy(ENTITLEMENT_ASSIGNMENTS.SERVICE_NAME, ENTITLEMENT_ASSIGNMENTS.PLAN_NAME)
                .fetch(EntitlementStore::toAssignment);
    }

    Optional<EntitlementAssignment> find(UUID globalAccountId, UUID id) {
        return db.selectFrom(ENTITLEMENT_ASSIGNMENTS)
                .where(ENTITLEMENT_ASSIGNMENTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), ENTITLEMENT_ASSIGNMENTS.ID.eq(id))
                .fetchOptional(EntitlementStore::toAssignment);
    }

    boolean delete(UUID globalAccountId, UUID id) {
        return db.deleteFrom(ENTITLEMENT_ASSIGNMENTS)
                        .where(
                                ENTITLEMENT_ASSIGNMENTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId),
                                ENTITLEMENT_ASSIGNMENTS.ID.eq(id))
                        .execute()
                == 1;
    }

    private static EntitlementAssignment toAssignment(EntitlementAssignmentsRecord r) {
        return new EntitlementAssignment(
                r.getId(), r.getSystemId(), r.getServiceName(), r.getPlanName(), r.getAmount(), r.getCreatedAt());
    }
}
