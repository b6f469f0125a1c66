package io.mooring.server.landscape.formation;

import static io.mooring.server.db.Tables.CUSTOM_FORMATION_TYPES;
import static io.mooring.server.db.Tables.FORMATIONS;
import static io.mooring.server.db.Tables.FORMATION_ASSIGNMENTS;
import static io.mooring.server.db.Tables.FORMATION_NOTIFICATIONS;
import static io.mooring.server.db.Tables.NOTIFICATION_KEYS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.FormationNotifications;
import io.mooring.server.db.tables.records.CustomFormationTypesRecord;
import io.mooring.server.db.tables.records.FormationAssignmentsRecord;
import io.mooring.server.db.tables.records.FormationNotificationsRecord;
import io.mooring.server.db.tables.records.FormationsRecord;
import io.mooring.server.platform.web.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL for custom formation types, formations, their assignments and the notification outbox. */
@Repository
class FormationStore {
    private static final List<String> UNDELIVERED =
            List.of(NotificationStatus.PENDING.name(), NotificationStatus.DELIVERING.name());

    private final DSLContext db;

    FormationStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // --- custom formation types

    /** A custom formation type as stored: its rules and effects as JSON. */
    record StoredType(
            String code, String displayName, @Nullable String description, String rules, String effects) {}

    List<StoredType> customTypes(UUID globalAccountId) {
        return db.selectFrom(CUSTOM_FORMATION_TYPES)
                .where(CUSTOM_FORMATION_TYPES.GLOBAL_ACCOUNT_ID.eq(globalAccountId))
                .orderBy(CUSTOM_FORMATION_TYPES.CODE)
                .fetch(FormationStore::toStoredType);
    }

    Optional<StoredType> customType(UUID globalAccountId, String code) {
        return db.selectFrom(CUSTOM_FORMATION_TYPES)
                .where(
                        CUSTOM_FORMATION_TYPES.GLOBAL_ACCOUNT_ID.eq(globalAccountId),
                        CUSTOM_FORMATION_TYPES.CODE.eq(code))
                .fetchOptional(FormationStore::toStoredType);
    }

    private static StoredType toStoredType(CustomFormationTypesRecord r) {
        return new StoredType(r.getCode(), r.getDisplayName(), r.getDescription(), r.getRules(), r.getEffects());
    }

    void insertCustomType(UUID globalAccountId, FormationType type, String rulesJson, String effectsJson, Instant now) {
        db.insertInto(CUSTOM_FORMATION_TYPES)
                .set(CUSTOM_FORMATION_TYPES.GLOBAL_ACCOUNT_ID, globalAccountId)
                .set(CUSTOM_FORMATION_TYPES.CODE, type.code())
                .set(CUSTOM_FORMATION_TYPES.DISPLAY_NAME, type.displayName())
                .set(CUSTOM_FORMATION_TYPES.DESCRIPTION, type.description())
                .set(CUSTOM_FORMATION_TYPES.RULES, rulesJson)
                .set(CUSTOM_FORMATION_TYPES.EFFECTS, effectsJson)
                .set(CUSTOM_FORMATION_TYPES.CREATED_AT, now)
                .execute();
    }

    void deleteCustomType(UUID globalAccountId, String code) {
        db.deleteFrom(CUSTOM_FORMATION_TYPES)
                .where(
                        CUSTOM_FORMATION_TYPES.GLOBAL_ACCOUNT_ID.eq(globalAccountId),
                        CUSTOM_FORMATION_TYPES.CODE.eq(code))
                .execute();
    }

    long countOfType(UUID globalAccountId, String typeCode) {
        return db.fetchCount(
                FORMATIONS, FORMATIONS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), FORMATIONS.TYPE_CODE.eq(typeCode));
    }

    // --- formations

    void insert(Formation formation) {
        FormationsRecord record = db.newRecord(FORMATIONS);
        record.setId(formation.id());
        record.setGlobalAccountId(formation.globalAccountId());
        record.setName(formation.name());
        record.setNameKey(nameKey(formation.name()));
        record.setTypeCode(formation.type());
        record.setLifecycle(formation.lifecycle().name());
        record.setCreatedAt(formation.createdAt());
        record.setUpdatedAt(formation.updatedAt());
        record.setVersion(formation.version());
        record.insert();
    }

    /** Writes name, lifecycle and version when the stored version is still {@code expectedVersion}. */
    boolean update(Formation formation, long expectedVersion) {
        return db.update(FORMATIONS)
                        .set(FORMATIONS.NAME, formation.name())
                        .set(FORMATIONS.NAME_KEY, nameKey(formation.name()))
                        .set(FORMATIONS.LIFECYCLE, formation.lifecycle().name())
                        .set(FORMATIONS.UPDATED_AT, formation.updatedAt())
                        .set(FORMATIONS.VERSION, formation.version())
                        .where(FORMATIONS.ID.eq(formation.id()), FORMATIONS.VERSION.eq(expectedVersion))
                        .execute()
                == 1;
    }

    /**
     * The account's formation with this id. Selected on the primary key alone and checked for the account afterwards,
     * like {@link #lock}, so that the plan does not depend on table statistics.
     */
    Optional<Formation> find(UUID globalAccountId, UUID id) {
        return db.selectFrom(FORMATIONS)
                .where(FORMATIONS.ID.eq(id))
                .fetchOptional(FormationStore::toFormation)
                .filter(formation -> formation.globalAccountId().equals(globalAccountId));
    }

    /**
     * Reads and locks a formation of the account: every change of a formation and of its members takes this lock
     * first, so that rules counting members see every change before theirs. The row is selected on the primary key
     * alone: with the account in the condition, PostgreSQL without table statistics picks the (account, type) index
     * and reads every formation of the account.
     */
    Optional<Formation> lock(UUID globalAccountId, UUID id) {
        return db.selectFrom(FORMATIONS)
                .where(FORMATIONS.ID.eq(id))
                .forUpdate()
                .fetchOptional(FormationStore::toFormation)
                .filter(formation -> formation.globalAccountId().equals(globalAccountId));
    }

    /** One page ordered by name, then id; fetches one row more than the page to tell whether another follows. */
    List<Formation> list(UUID globalAccountId, @Nullable String type, PageRequest page) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(FORMATIONS.GLOBAL_ACCOUNT_ID.eq(globalAccountId));
        if (type != null) {
            conditions.add(FORMATIONS.TYPE_CODE.eq(type));
        }
        if (!page.isFirst()) {
            conditions.add(DSL.row(FORMATIONS.NAME_KEY, FORMATIONS.ID)
                    .gt(page.after().get(0), UUID.fromString(page.after().get(1))));
        }
        return db.selectFrom(FORMATIONS)
                .where(conditions)
                .orderBy(FORMATIONS.NAME_KEY, FORMATIONS.ID)
                .limit(page.limit() + 1)
                .fetch(FormationStore::toFormation);
    }

    void delete(UUID id) {
        db.deleteFrom(FORMATIONS).where(FORMATIONS.ID.eq(id)).execute();
    }

    /**
     * The names of the account's other formations of this type that hold the system. Driven by the system's own
     * assignments, which are few, and filtered in code, so that no plan can start from all formations of the type.
     */
    List<String> formationsOfTypeHolding(UUID globalAccountId, String type, UUID systemId, UUID except) {
        List<UUID> holding = db.select(FORMATION_ASSIGNMENTS.FORMATION_ID)
                .from(FORMATION_ASSIGNMENTS)
                .where(FORMATION_ASSIGNMENTS.SYSTEM_ID.eq(systemId))
                .fetch(FORMATION_ASSIGNMENTS.FORMATION_ID);
        if (holding.isEmpty()) {
            return List.of();
        }
        return db.selectFrom(FORMATIONS).where(FORMATIONS.ID.in(holding)).fetch(FormationStore::toFormation).stream()
                .filter(f ->
                        f.globalAccountId().equals(globalAccountId) && f.type().equals(type) && !f.id().equals(except))
                .map(Formation::name)
                .sorted(java.util.Comparator.comparing(FormationStore::nameKey))
                .toList();
    }

    /** The names of all formations that hold the system, in any state. */
    List<String> formationsHolding(UUID systemId) {
        return db.select(FORMATIONS.NAME)
                .from(FORMATION_ASSIGNMENTS)
                .join(FORMATIONS)
                .on(FORMATIONS.ID.eq(FORMATION_ASSIGNMENTS.FORMATION_ID))
                .where(FORMATION_ASSIGNMENTS.SYSTEM_ID.eq(systemId))
                .orderBy(FORMATIONS.NAME_KEY)
                .fetch(FORMATIONS.NAME);
    }

    // --- assignments

    void insert(Assignment assignment) {
        FormationAssignmentsRecord record = db.newRecord(FORMATION_ASSIGNMENTS);
        record.setId(assignment.id());
        record.setFormationId(assignment.formationId());
        record.setSystemId(assignment.systemId());
        record.setGlobalAccountId(assignment.globalAccountId());
        record.setState(assignment.state().name());
        record.setError(assignment.error());
        record.setCreatedAt(assignment.createdAt());
        record.setUpdatedAt(assignment.updatedAt());
        record.insert();
    }

    void update(Assignment assignment) {
        db.update(FORMATION_ASSIGNMENTS)
                .set(FORMATION_ASSIGNMENTS.STATE, assignment.state().name())
                .set(FORMATION_ASSIGNMENTS.ERROR, assignment.error())
                .set(FORMATION_ASSIGNMENTS.UPDATED_AT, assignment.updatedAt())
                .where(FORMATION_ASSIGNMENTS.ID.eq(assignment.id()))
                .execute();
    }

    void deleteAssignment(UUID id) {
        db.deleteFrom(FORMATION_ASSIGNMENTS)
                .where(FORMATION_ASSIGNMENTS.ID.eq(id))
                .execute();
    }

    /** The formation's assignments in the order the systems joined. */
    List<Assignment> assignments(UUID formationId) {
        return db.selectFrom(FORMATION_ASSIGNMENTS)
                .where(FORMATION_ASSIGNMENTS.FORMATION_ID.eq(formationId))
                .orderBy(FORMATION_ASSIGNMENTS.CREATED_AT, FORMATION_ASSIGNMENTS.ID)
                .fetch(FormationStore::toAssignment);
    }

    Optional<Assignment> assignment(UUID formationId, UUID systemId) {
        return db.selectFrom(FORMATION_ASSIGNMENTS)
                .where(FORMATION_ASSIGNMENTS.FORMATION_ID.eq(formationId), FORMATION_ASSIGNMENTS.SYSTEM_ID.eq(systemId))
                .fetchOptional(FormationStore::toAssignment);
    }

    Optional<Assignment> assignment(UUID id) {
        return db.selectFrom(FORMATION_ASSIGNMENTS)
                .where(FORMATION_ASSIGNMENTS.ID.eq(id))
                .fetchOptional(FormationStore::toAssignment);
    }

    /** For each of these formations, how many of its assignments are in each state. */
    Map<UUID, Map<AssignmentState, Integer>> stateCounts(Collection<UUID> formationIds) {
        if (formationIds.isEmpty()) {
            return Map.of();
        }
        return db
                .select(FORMATION_ASSIGNMENTS.FORMATION_ID, FORMATION_ASSIGNMENTS.STATE, DSL.count())
                .from(FORMATION_ASSIGNMENTS)
                .where(FORMATION_ASSIGNMENTS.FORMATION_ID.in(formationIds))
                .groupBy(FORMATION_ASSIGNMENTS.FORMATION_ID, FORMATION_ASSIGNMENTS.STATE)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(
                        r -> r.value1(), Collectors.toMap(r -> AssignmentState.valueOf(r.value2()), r -> r.value3())));
    }

    // --- the notification outbox

    void insert(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        db.batchInsert(notifications.stream().map(this::toRecord).toList()).execute();
    }

    /**
     * Notifications due at {@code now}, oldest due first: pending ones, and those whose delivery lease ran out. A
     * notification waits while an older one to the same recipient about the same formation is still undelivered, so
     * that each participant hears of the changes in the order they were made.
     */
    List<Notification> due(Instant now, int limit) {
        FormationNotifications earlier = FORMATION_NOTIFICATIONS.as("earlier");
        return db.selectFrom(FORMATION_NOTIFICATIONS)
                .where(
                        FORMATION_NOTIFICATIONS.STATUS.in(UNDELIVERED),
                        FORMATION_NOTIFICATIONS.NEXT_ATTEMPT_AT.le(now),
                        DSL.notExists(DSL.selectOne()
                                .from(earlier)
                                .where(
                                        earlier.FORMATION_ID.eq(FORMATION_NOTIFICATIONS.FORMATION_ID),
                                        earlier.RECIPIENT_SYSTEM_ID.eq(FORMATION_NOTIFICATIONS.RECIPIENT_SYSTEM_ID),
                                        earlier.SEQUENCE.lt(FORMATION_NOTIFICATIONS.SEQUENCE),
                                        earlier.STATUS.in(UNDELIVERED))))
                .orderBy(FORMATION_NOTIFICATIONS.NEXT_ATTEMPT_AT, FORMATION_NOTIFICATIONS.SEQUENCE)
                .limit(limit)
                .fetch(FormationStore::toNotification);
    }

    /**
     * Claims a due notification for one delivery attempt by moving its next attempt to {@code leaseUntil}: the
     * guarded update succeeds for one worker only, and a worker that dies mid-delivery leaves it due again later.
     */
    boolean claim(Notification notification, Instant leaseUntil, Instant now) {
        return db.update(FORMATION_NOTIFICATIONS)
                        .set(FORMATION_NOTIFICATIONS.STATUS, NotificationStatus.DELIVERING.name())
                        .set(FORMATION_NOTIFICATIONS.NEXT_ATTEMPT_AT, leaseUntil)
                        .set(FORMATION_NOTIFICATIONS.ATTEMPTS, notification.attempts() + 1)
                        .set(FORMATION_NOTIFICATIONS.UPDATED_AT, now)
                        .where(
                                FORMATION_NOTIFICATIONS.ID.eq(notification.id()),
                                FORMATION_NOTIFICATIONS.STATUS.in(UNDELIVERED),
                                FORMATION_NOTIFICATIONS.ATTEMPTS.eq(notification.attempts()),
                                FORMATION_NOTIFICATIONS.NEXT_ATTEMPT_AT.eq(notification.nextAttemptAt()))
                        .execute()
                == 1;
    }

    Optional<Notification> notification(UUID id) {
        return db.selectFrom(FORMATION_NOTIFICATIONS)
                .where(FORMATION_NOTIFICATIONS.ID.eq(id))
                .fetchOptional(FormationStore::toNotification);
    }

    /**
     * Records the outcome of a delivery attempt, unless something overtook it: the recipient's own status report,
     * or another attempt after this one's lease ran out.
     */
    boolean recordAttempt(
            UUID id,
            int attempt,
            NotificationStatus status,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant now) {
        return db.update(FORMATION_NOTIFICATIONS)
                        .set(FORMATION_NOTIFICATIONS.STATUS, status.name())
                        .set(FORMATION_NOTIFICATIONS.NEXT_ATTEMPT_AT, nextAttemptAt)
                        .set(FORMATION_NOTIFICATIONS.LAST_ERROR, lastError)
                        .set(FORMATION_NOTIFICATIONS.UPDATED_AT, now)
                        .where(
                                FORMATION_NOTIFICATIONS.ID.eq(id),
                                FORMATION_NOTIFICATIONS.STATUS.eq(NotificationStatus.DELIVERING.name()),
                                FORMATION_NOTIFICATIONS.ATTEMPTS.eq(attempt))
                        .execute()
                == 1;
    }

    /** Sets a notification's status whatever it was: what the recipient reports is final. */
    void report(UUID id, NotificationStatus status, @Nullable String lastError, Instant now) {
        db.update(FORMATION_NOTIFICATIONS)
                .set(FORMATION_NOTIFICATIONS.STATUS, status.name())
                .set(FORMATION_NOTIFICATIONS.LAST_ERROR, lastError)
                .set(FORMATION_NOTIFICATIONS.UPDATED_AT, now)
                .where(FORMATION_NOTIFICATIONS.ID.eq(id))
                .execute();
    }

    /** The notifications of one assignment and operation, oldest first. */
    List<Notification> notifications(UUID assignmentId, NotificationOperation operation) {
        return db.selectFrom(FORMATION_NOTIFICATIONS)
                .where(
                        FORMATION_NOTIFICATIONS.ASSIGNMENT_ID.eq(assignmentId),
                        FORMATION_NOTIFICATIONS.OPERATION.eq(operation.name()))
                .orderBy(FORMATION_NOTIFICATIONS.SEQUENCE)
                .fetch(FormationStore::toNotification);
    }

    /** The formation's notifications, newest first. */
    List<Notification> notificationsOfFormation(UUID formationId, int limit) {
        return db.selectFrom(FORMATION_NOTIFICATIONS)
                .where(FORMATION_NOTIFICATIONS.FORMATION_ID.eq(formationId))
                .orderBy(FORMATION_NOTIFICATIONS.SEQUENCE.desc())
                .limit(limit)
                .fetch(FormationStore::toNotification);
    }

    /** Sends these notifications again from the first attempt, now. */
    void resend(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        db.update(FORMATION_NOTIFICATIONS)
                .set(FORMATION_NOTIFICATIONS.STATUS, NotificationStatus.PENDING.name())
                .set(FORMATION_NOTIFICATIONS.ATTEMPTS, 0)
                .set(FORMATION_NOTIFICATIONS.NEXT_ATTEMPT_AT, now)
                .set(FORMATION_NOTIFICATIONS.UPDATED_AT, now)
                .where(FORMATION_NOTIFICATIONS.ID.in(ids))
                .execute();
    }

    // --- the key of status tokens

    Optional<String> notificationKey() {
        return db.select(NOTIFICATION_KEYS.SECRET)
                .from(NOTIFICATION_KEYS)
                .where(NOTIFICATION_KEYS.ID.eq(1))
                .fetchOptional(NOTIFICATION_KEYS.SECRET);
    }

    /** Stores the key unless another replica stored one first; either way, the stored key wins. */
    void insertNotificationKey(String secret, Instant now) {
        db.insertInto(NOTIFICATION_KEYS)
                .set(NOTIFICATION_KEYS.ID, 1)
                .set(NOTIFICATION_KEYS.SECRET, secret)
                .set(NOTIFICATION_KEYS.CREATED_AT, now)
                .onConflictDoNothing()
                .execute();
    }

    private FormationNotificationsRecord toRecord(Notification n) {
        FormationNotificationsRecord record = db.newRecord(FORMATION_NOTIFICATIONS);
        record.setId(n.id());
        record.setAssignmentId(n.assignmentId());
        record.setFormationId(n.formationId());
        record.setGlobalAccountId(n.globalAccountId());
        record.setRecipientSystemId(n.recipientSystemId());
        record.setRecipientUrl(n.recipientUrl());
        record.setOperation(n.operation().name());
        record.setPayload(n.payload());
        record.setStatus(n.status().name());
        record.setAttempts(n.attempts());
        record.setNextAttemptAt(n.nextAttemptAt());
        record.setLastError(n.lastError());
        record.setCreatedAt(n.createdAt());
        record.setUpdatedAt(n.updatedAt());
        return record;
    }

    private static Formation toFormation(FormationsRecord r) {
        return new Formation(
                r.getId(),
                r.getGlobalAccountId(),
                r.getName(),
                r.getTypeCode(),
                Formation.Lifecycle.valueOf(r.getLifecycle()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }

    private static Assignment toAssignment(FormationAssignmentsRecord r) {
        return new Assignment(
                r.getId(),
                r.getFormationId(),
                r.getSystemId(),
                r.getGlobalAccountId(),
                AssignmentState.valueOf(r.getState()),
                r.getError(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }

    private static Notification toNotification(FormationNotificationsRecord r) {
        return new Notification(
                r.getId(),
                r.getAssignmentId(),
                r.getFormationId(),
                r.getGlobalAccountId(),
                r.getRecipientSystemId(),
                r.getRecipientUrl(),
                NotificationOperation.valueOf(r.getOperation()),
                r.getPayload(),
                NotificationStatus.valueOf(r.getStatus()),
                r.getAttempts(),
                r.getNextAttemptAt(),
                r.getLastError(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
