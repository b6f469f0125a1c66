package io.mooring.server.landscape.system;

import static io.mooring.server.db.Tables.CUSTOM_SYSTEM_TYPES;
import static io.mooring.server.db.Tables.INTEGRATION_TOKENS;
import static io.mooring.server.db.Tables.SYSTEMS;
import static io.mooring.server.db.Tables.SYSTEM_LABELS;
import static io.mooring.server.db.Tables.SYSTEM_NUMBERS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.IntegrationTokensRecord;
import io.mooring.server.db.tables.records.SystemsRecord;
import io.mooring.server.platform.web.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** SQL for systems, their labels, their integration tokens and custom system types. */
@Repository
class SystemStore {
    private final DSLContext db;

    SystemStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    void insert(LandscapeSystem system) {
        SystemsRecord record = db.newRecord(SYSTEMS);
        fill(record, system);
        record.setId(system.id());
        record.setGlobalAccountId(system.globalAccountId());
        record.setCreatedAt(system.createdAt());
        record.insert();
        insertLabels(system.id(), system.labels());
    }

    /**
     * Writes the changed system, but not its labels (see {@link #replaceLabels}), when its version is still the
     * stored one; false when someone changed it first. The system was read from its account; the row is found by
     * primary key alone, for the reason given at {@link #lockAll}.
     */
    boolean update(LandscapeSystem system, long expectedVersion) {
        SystemsRecord record = db.newRecord(SYSTEMS);
        fill(record, system);
        record.changed(SYSTEMS.ID, false);
        int updated = db.update(SYSTEMS)
                .set(record)
                .where(SYSTEMS.ID.eq(system.id()), SYSTEMS.VERSION.eq(expectedVersion))
                .execute();
        return updated == 1;
    }

    private static void fill(SystemsRecord record, LandscapeSystem system) {
        record.setName(system.name());
        record.setNameKey(nameKey(system.name()));
        record.setTypeCode(system.type());
        record.setDescription(system.description());
        record.setScenarioGroup(system.communicationScenarioGroup());
        record.setStatus(system.status().name());
        record.setStatusReason(system.statusReason());
        record.setSystemNumber(system.systemNumber());
        record.setBaseUrl(system.baseUrl());
        record.setNotificationUrl(system.notificationUrl());
        record.setDiscovered(system.discovered());
        record.setCredentialType(
                system.credentialType() == null ? null : system.credentialType().name());
        record.setCertificateSerial(system.certificateSerial());
        record.setCertificateExpiresAt(system.certificateExpiresAt());
        record.setUpdatedAt(system.updatedAt());
        record.setRegisteredAt(system.registeredAt());
        record.setVersion(system.version());
    }

    Optional<LandscapeSystem> find(UUID globalAccountId, UUID id) {
        return one(SYSTEMS.ID.eq(id), false)
                .filter(system -> system.globalAccountId().equals(globalAccountId));
    }

    /**
     * Reads and locks a system of the account, so that concurrent pairings, token requests and deregistrations of
     * one system take turns; empty when the account has no such system.
     */
    Optional<LandscapeSystem> lock(UUID globalAccountId, UUID id) {
        return one(SYSTEMS.ID.eq(id), true)
                .filter(system -> system.globalAccountId().equals(globalAccountId));
    }

    /**
     * Locks the system row like {@link #lock} but leaves its labels unread (empty): for changes that neither show
     * nor write labels, such as pairing, which {@link #update} never touches them anyway.
     */
    Optional<LandscapeSystem> lockWithoutLabels(UUID id) {
        return db.selectFrom(SYSTEMS).where(SYSTEMS.ID.eq(id)).forUpdate().fetchOptional(r -> toSystem(r, Map.of()));
    }

    /**
     * Reads and locks systems of the account in the order of their ids, so that transactions locking several systems
     * cannot deadlock; labels are left unread. Ids of other accounts or of no system are left out.
     *
     * <p>Lookups by id select on the primary key alone and check the account afterwards: with the account in the
     * condition, PostgreSQL without table statistics (autovacuum off, or a table that just grew) picks the index on
     * (account, name) and reads every system of the account.
     */
    List<LandscapeSystem> lockAll(UUID globalAccountId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db
                .selectFrom(SYSTEMS)
                .where(SYSTEMS.ID.in(ids))
                .orderBy(SYSTEMS.ID)
                .forUpdate()
                .fetch(r -> toSystem(r, Map.of()))
                .stream()
                .filter(system -> system.globalAccountId().equals(globalAccountId))
                .toList();
    }

    /** Systems of the account with these ids, without their labels. */
    List<LandscapeSystem> findAll(UUID globalAccountId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.selectFrom(SYSTEMS).where(SYSTEMS.ID.in(ids)).fetch(r -> toSystem(r, Map.of())).stream()
                .filter(system -> system.globalAccountId().equals(globalAccountId))
                .toList();
    }

    /** The system of the account that holds this system number. */
    Optional<LandscapeSystem> findByNumber(UUID globalAccountId, String systemNumber) {
        return holderOfNumber(globalAccountId, systemNumber).flatMap(id -> find(globalAccountId, id));
    }

    Optional<UUID> holderOfNumber(UUID globalAccountId, String systemNumber) {
        return db.select(SYSTEM_NUMBERS.SYSTEM_ID)
                .from(SYSTEM_NUMBERS)
                .where(
                        SYSTEM_NUMBERS.GLOBAL_ACCOUNT_ID.eq(globalAccountId),
                        SYSTEM_NUMBERS.SYSTEM_NUMBER.eq(systemNumber))
                .fetchOptional(SYSTEM_NUMBERS.SYSTEM_ID);
    }

    /**
     * Claims a system number for a system with one insert that does nothing when the number is taken: true when
     * the system holds the number afterwards (also when it held it already).
     */
    boolean claimNumber(UUID globalAccountId, String systemNumber, UUID systemId) {
        int inserted = db.insertInto(SYSTEM_NUMBERS)
                .set(SYSTEM_NUMBERS.GLOBAL_ACCOUNT_ID, globalAccountId)
                .set(SYSTEM_NUMBERS.SYSTEM_NUMBER, systemNumber)
                .set(SYSTEM_NUMBERS.SYSTEM_ID, systemId)
                .onConflictDoNothing()
                .execute();
        return inserted == 1
                || holderOfNumber(globalAccountId, systemNumber)
                        .filter(systemId::equals)
                        .isPresent();
    }

    /** Gives up the system's other numbers, once it holds {@code kept}. */
    void releaseNumbersExcept(UUID systemId, String kept) {
        db.deleteFrom(SYSTEM_NUMBERS)
                .where(SYSTEM_NUMBERS.SYSTEM_ID.eq(systemId), SYSTEM_NUMBERS.SYSTEM_NUMBER.ne(kept))
                .execute();
    }

    Optional<UUID> idByName(UUID globalAccountId, String name) {
        return db.select(SYSTEMS.ID)
                .from(SYSTEMS)
                .where(SYSTEMS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), SYSTEMS.NAME_KEY.eq(nameKey(name)))
                .fetchOptional(SYSTEMS.ID);
    }

    private Optional<LandscapeSystem> one(Condition condition, boolean forUpdate) {
        var select = db.selectFrom(SYSTEMS).where(condition);
        Optional<SystemsRecord> record = forUpdate ? select.forUpdate().fetchOptional() : select.fetchOptional();
        return record.map(r -> toSystem(r, labels(List.of(r.getId())).getOrDefault(r.getId(), Map.of())));
    }

    /** One page ordered by name, then id; fetches one row more than the page to tell whether another follows. */
    List<LandscapeSystem> list(UUID globalAccountId, SystemQuery query, PageRequest page) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(SYSTEMS.GLOBAL_ACCOUNT_ID.eq(globalAccountId));
        if (query.type() != null) {
            conditions.add(SYSTEMS.TYPE_CODE.eq(query.type()));
        }
        if (query.status() != null) {
            conditions.add(SYSTEMS.STATUS.eq(query.status().name()));
        }
        if (query.nameContains() != null) {
            conditions.add(SYSTEMS.NAME_KEY.contains(nameKey(query.nameContains())));
        }
        if (query.labelKey() != null) {
            var label = SYSTEM_LABELS.LABEL_KEY.eq(query.labelKey());
            if (query.labelValue() != null) {
                label = label.and(SYSTEM_LABELS.LABEL_VALUE.eq(query.labelValue()));
            }
            conditions.add(DSL.exists(
                    DSL.selectOne().from(SYSTEM_LABELS).where(SYSTEM_LABELS.SYSTEM_ID.eq(SYSTEMS.ID), label)));
        }
        if (!page.isFirst()) {
            conditions.add(DSL.row(SYSTEMS.NAME_KEY, SYSTEMS.ID)
                    .gt(page.after().get(0), UUID.fromString(page.after().get(1))));
        }
        List<SystemsRecord> records = db.selectFrom(SYSTEMS)
                .where(conditions)
                .orderBy(SYSTEMS.NAME_KEY, SYSTEMS.ID)
                .limit(page.limit() + 1)
                .fetch();
        Map<UUID, Map<String, String>> labels =
                labels(records.stream().map(SystemsRecord::getId).toList());
        return records.stream()
                .map(r -> toSystem(r, labels.getOrDefault(r.getId(), Map.of())))
                .toList();
    }

    boolean delete(UUID globalAccountId, UUID id) {
        return db.deleteFrom(SYSTEMS)
                        .where(SYSTEMS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), SYSTEMS.ID.eq(id))
                        .execute()
                == 1;
    }

    long countOfType(UUID globalAccountId, String typeCode) {
        return db.fetchCount(SYSTEMS, SYSTEMS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), SYSTEMS.TYPE_CODE.eq(typeCode));
    }

    void replaceLabels(UUID systemId, Map<String, String> labels) {
        db.deleteFrom(SYSTEM_LABELS).where(SYSTEM_LABELS.SYSTEM_ID.eq(systemId)).execute();
        insertLabels(systemId, labels);
    }

    private void insertLabels(UUID systemId, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        var insert = db.insertInto(
                SYSTEM_LABELS, SYSTEM_LABELS.SYSTEM_ID, SYSTEM_LABELS.LABEL_KEY, SYSTEM_LABELS.LABEL_VALUE);
        for (Map.Entry<String, String> label : labels.entrySet()) {
            insert = insert.values(systemId, label.getKey(), label.getValue());
        }
        insert.execute();
    }

    private Map<UUID, Map<String, String>> labels(Collection<UUID> systemIds) {
        if (systemIds.isEmpty()) {
            return Map.of();
        }
        return db.selectFrom(SYSTEM_LABELS).where(SYSTEM_LABELS.SYSTEM_ID.in(systemIds)).fetch().stream()
                .collect(Collectors.groupingBy(
                        r -> r.getSystemId(), Collectors.toMap(r -> r.getLabelKey(), r -> r.getLabelValue())));
    }

    void insertToken(IntegrationToken token) {
        IntegrationTokensRecord record = db.newRecord(INTEGRATION_TOKENS);
        record.setId(token.id());
        record.setSystemId(token.systemId());
        record.setGlobalAccountId(token.globalAccountId());
        record.setTokenHash(token.tokenHash());
        record.setCreatedAt(token.createdAt());
        record.setExpiresAt(token.expiresAt());
        record.insert();
    }

    /** Retires the system's tokens that are still open, so that only the newest one can be redeemed. */
    void supersedeOpenTokens(UUID systemId, Instant now) {
        db.update(INTEGRATION_TOKENS)
                .set(INTEGRATION_TOKENS.SUPERSEDED_AT, now)
                .where(
                        INTEGRATION_TOKENS.SYSTEM_ID.eq(systemId),
                        INTEGRATION_TOKENS.USED_AT.isNull(),
                        INTEGRATION_TOKENS.SUPERSEDED_AT.isNull())
                .execute();
    }

    Optional<IntegrationToken> tokenByHash(String tokenHash) {
        return db.selectFrom(INTEGRATION_TOKENS)
                .where(INTEGRATION_TOKENS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(SystemStore::toToken);
    }

    /**
     * Redeems a token with one guarded UPDATE: it succeeds for exactly one caller, and only while the token is
     * unused, not superseded and not expired at {@code now}.
     */
    boolean redeem(UUID tokenId, Instant now) {
        return db.update(INTEGRATION_TOKENS)
                        .set(INTEGRATION_TOKENS.USED_AT, now)
                        .where(
                                INTEGRATION_TOKENS.ID.eq(tokenId),
                                INTEGRATION_TOKENS.USED_AT.isNull(),
                                INTEGRATION_TOKENS.SUPERSEDED_AT.isNull(),
                                INTEGRATION_TOKENS.EXPIRES_AT.gt(now))
                        .execute()
                == 1;
    }

    List<SystemType> customTypes(UUID globalAccountId) {
        return db.selectFrom(CUSTOM_SYSTEM_TYPES)
                .where(CUSTOM_SYSTEM_TYPES.GLOBAL_ACCOUNT_ID.eq(globalAccountId))
                .orderBy(CUSTOM_SYSTEM_TYPES.CODE)
                .fetch(r -> toType(
                        r.getCode(), r.getDisplayName(), r.getEnvironments(), r.getPairingRequiredForFormation()));
    }

    Optional<SystemType> customType(UUID globalAccountId, String code) {
        return db.selectFrom(CUSTOM_SYSTEM_TYPES)
                .where(CUSTOM_SYSTEM_TYPES.GLOBAL_ACCOUNT_ID.eq(globalAccountId), CUSTOM_SYSTEM_TYPES.CODE.eq(code))
                .fetchOptional(r -> toType(
                        r.getCode(), r.getDisplayName(), r.getEnvironments(), r.getPairingRequiredForFormation()));
    }

    void insertCustomType(UUID globalAccountId, SystemType type, Instant now) {
        db.insertInto(CUSTOM_SYSTEM_TYPES)
                .set(CUSTOM_SYSTEM_TYPES.GLOBAL_ACCOUNT_ID, globalAccountId)
                .set(CUSTOM_SYSTEM_TYPES.CODE, type.code())
                .set(CUSTOM_SYSTEM_TYPES.DISPLAY_NAME, type.displayName())
                .set(
                        CUSTOM_SYSTEM_TYPES.ENVIRONMENTS,
                        type.environments().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .set(CUSTOM_SYSTEM_TYPES.PAIRING_REQUIRED_FOR_FORMATION, type.pairingRequiredForFormation())
                .set(CUSTOM_SYSTEM_TYPES.CREATED_AT, now)
                .execute();
    }

    void deleteCustomType(UUID globalAccountId, String code) {
        db.deleteFrom(CUSTOM_SYSTEM_TYPES)
                .where(CUSTOM_SYSTEM_TYPES.GLOBAL_ACCOUNT_ID.eq(globalAccountId), CUSTOM_SYSTEM_TYPES.CODE.eq(code))
                .execute();
    }

    private static SystemType toType(String code, String displayName, String environments, boolean pairingRequired) {
        var parsed = EnumSet.noneOf(Environment.class);
        Arrays.stream(environments.split(",")).map(Environment::valueOf).forEach(parsed::add);
        return new SystemType(code, displayName, parsed, pairingRequired, false, true);
    }

    private static IntegrationToken toToken(IntegrationTokensRecord r) {
        return new IntegrationToken(
                r.getId(),
                r.getSystemId(),
                r.getGlobalAccountId(),
                r.getTokenHash(),
                r.getCreatedAt(),
                r.getExpiresAt(),
                r.getUsedAt(),
                r.getSupersededAt());
    }

    private static LandscapeSystem toSystem(SystemsRecord r, Map<String, String> labels) {
        return new LandscapeSystem(
                r.getId(),
                r.getGlobalAccountId(),
                r.getName(),
                r.getTypeCode(),
                r.getDescription(),
                r.getScenarioGroup(),
                SystemStatus.valueOf(r.getStatus()),
                r.getStatusReason(),
                r.getSystemNumber(),
                r.getBaseUrl(),
                r.getNotificationUrl(),
                r.getDiscovered(),
                r.getCredentialType() == null ? null : LandscapeSystem.CredentialType.valueOf(r.getCredentialType()),
                r.getCertificateSerial(),
                r.getCertificateExpiresAt(),
                labels,
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getRegisteredAt(),
                r.getVersion());
    }
}
