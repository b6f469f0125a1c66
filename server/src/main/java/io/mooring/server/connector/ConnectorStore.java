package io.mooring.server.connector;

import static io.mooring.server.db.Tables.CONNECTORS;
import static io.mooring.server.db.Tables.CONNECTOR_CERTIFICATES;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.ConnectorsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** SQL for connector registrations and the certificates issued to them. */
@Repository
class ConnectorStore {
    private final DSLContext db;

    ConnectorStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insert(ConnectorRegistration registration) {
        ConnectorsRecord record = db.newRecord(CONNECTORS);
        record.setId(registration.id());
        record.setGlobalAccountId(registration.globalAccountId());
        record.setSubaccountId(registration.subaccountId());
        record.setLocationId(registration.locationId());
        record.setDescription(registration.description());
        record.setCreatedAt(registration.createdAt());
        record.setCreatedBy(registration.createdBy());
        record.setTokenHash(registration.tokenHash());
        record.setTokenExpiresAt(registration.tokenExpiresAt());
        record.insert();
    }

    boolean locationTaken(UUID subaccountId, String locationId) {
        return db.fetchExists(
                CONNECTORS, CONNECTORS.SUBACCOUNT_ID.eq(subaccountId), CONNECTORS.LOCATION_ID.eq(locationId));
    }

    List<ConnectorRegistration> registrations(UUID subaccountId) {
        return db.selectFrom(CONNECTORS)
                .where(CONNECTORS.SUBACCOUNT_ID.eq(subaccountId))
                .orderBy(CONNECTORS.LOCATION_ID)
                .fetch(ConnectorStore::toRegistration);
    }

    Optional<ConnectorRegistration> registration(UUID subaccountId, UUID id) {
        return db.selectFrom(CONNECTORS)
                .where(CONNECTORS.ID.eq(id), CONNECTORS.SUBACCOUNT_ID.eq(subaccountId))
                .fetchOptional(ConnectorStore::toRegistration);
    }

    /** The registration, locked until the transaction ends, so that pairings and renewals of it take turns. */
    Optional<ConnectorRegistration> lock(UUID id) {
        return db.selectFrom(CONNECTORS)
                .where(CONNECTORS.ID.eq(id))
                .forUpdate()
                .fetchOptional(ConnectorStore::toRegistration);
    }

    Optional<ConnectorRegistration> registrationByTokenHash(String tokenHash) {
        return db.selectFrom(CONNECTORS)
                .where(CONNECTORS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(ConnectorStore::toRegistration);
    }

    List<String> locationIds(UUID subaccountId) {
        return db.select(CONNECTORS.LOCATION_ID)
                .from(CONNECTORS)
                .where(CONNECTORS.SUBACCOUNT_ID.eq(subaccountId))
                .orderBy(CONNECTORS.LOCATION_ID)
                .fetch(CONNECTORS.LOCATION_ID);
    }

    /**
     * Redeems the registration's token with one guarded UPDATE: it succeeds for exactly one caller, and only while
     * the token is still this one, unused and not expired at {@code now}.
     */
    boolean redeemToken(UUID id, String tokenHash, Instant now) {
        return db.update(CONNECTORS)
                        .set(CONNECTORS.TOKEN_USED_AT, now)
                        .where(
                                CONNECTORS.ID.eq(id),
                                CONNECTORS.TOKEN_HASH.eq(tokenHash),
                                CONNECTORS.TOKEN_USED_AT.isNull(),
                                CONNECTORS.TOKEN_EXPIRES_AT.gt(now))
                        .execute()
                == 1;
    }

    /** Replaces the registration's token, used or not, with a fresh one: the old one is unknown from then on. */
    void replaceToken(UUID id, String tokenHash, Instant expiresAt) {
        db.update(CONNECTORS)
                .set(CONNECTORS.TOKEN_HASH, tokenHash)
                .set(CONNECTORS.TOKEN_EXPIRES_AT, expiresAt)
                .setNull(CONNECTORS.TOKEN_USED_AT)
                .where(CONNECTORS.ID.eq(id))
                .execute();
    }

    /** Deletes the registration and, by cascade, its certificates. */
    boolean delete(UUID subaccountId, UUID id) {
        return db.deleteFrom(CONNECTORS)
                        .where(CONNECTORS.ID.eq(id), CONNECTORS.SUBACCOUNT_ID.eq(subaccountId))
                        .execute()
                == 1;
    }

    /** Records a newly issued certificate and makes it the registration's current one. */
    void insertCertificate(UUID connectorId, String serial, String fingerprint, Instant issuedAt, Instant notAfter) {
        db.insertInto(CONNECTOR_CERTIFICATES)
                .set(CONNECTOR_CERTIFICATES.SERIAL, serial)
                .set(CONNECTOR_CERTIFICATES.CONNECTOR_ID, connectorId)
                .set(CONNECTOR_CERTIFICATES.FINGERPRINT, fingerprint)
                .set(CONNECTOR_CERTIFICATES.ISSUED_AT, issuedAt)
                .set(CONNECTOR_CERTIFICATES.NOT_AFTER, notAfter)
                .execute();
        db.update(CONNECTORS)
                .set(CONNECTORS.CERTIFICATE_SERIAL, serial)
                .set(CONNECTORS.CERTIFICATE_NOT_AFTER, notAfter)
                .where(CONNECTORS.ID.eq(connectorId))
                .execute();
    }

    /** Marks every certificate of the registration that is not superseded yet as superseded. */
    void supersedeCertificates(UUID connectorId, Instant now) {
        db.update(CONNECTOR_CERTIFICATES)
                .set(CONNECTOR_CERTIFICATES.SUPERSEDED_AT, now)
                .where(
                        CONNECTOR_CERTIFICATES.CONNECTOR_ID.eq(connectorId),
                        CONNECTOR_CERTIFICATES.SUPERSEDED_AT.isNull())
                .execute();
    }

    /** Marks one certificate superseded, only if it is not yet: exactly one renewal of it succeeds. */
    boolean supersede(String serial, Instant now) {
        return db.update(CONNECTOR_CERTIFICATES)
                        .set(CONNECTOR_CERTIFICATES.SUPERSEDED_AT, now)
                        .where(CONNECTOR_CERTIFICATES.SERIAL.eq(serial), CONNECTOR_CERTIFICATES.SUPERSEDED_AT.isNull())
                        .execute()
                == 1;
    }

    /** The certificate with this serial and the registration it belongs to. */
    Optional<ConnectorCertificate> certificate(String serial) {
        return db.select(
                        CONNECTOR_CERTIFICATES.SERIAL,
                        CONNECTOR_CERTIFICATES.FINGERPRINT,
                        CONNECTORS.ID,
                        CONNECTORS.GLOBAL_ACCOUNT_ID,
                        CONNECTORS.SUBACCOUNT_ID,
                        CONNECTORS.LOCATION_ID,
                        CONNECTOR_CERTIFICATES.NOT_AFTER,
                        CONNECTOR_CERTIFICATES.SUPERSEDED_AT)
                .from(CONNECTOR_CERTIFICATES)
                .join(CONNECTORS)
                .on(CONNECTORS.ID.eq(CONNECTOR_CERTIFICATES.CONNECTOR_ID))
                .where(CONNECTOR_CERTIFICATES.SERIAL.eq(serial))
                .fetchOptional(ConnectorStore::toCertificate);
    }

    private static ConnectorRegistration toRegistration(ConnectorsRecord r) {
        return new ConnectorRegistration(
                r.getId(),
                r.getGlobalAccountId(),
                r.getSubaccountId(),
                r.getLocationId(),
                r.getDescription(),
                r.getCreatedAt(),
                r.getCreatedBy(),
                r.getTokenHash(),
                r.getTokenExpiresAt(),
                r.getTokenUsedAt(),
                r.getCertificateSerial(),
                r.getCertificateNotAfter());
    }

    private static ConnectorCertificate toCertificate(Record r) {
        return new ConnectorCertificate(
                r.get(CONNECTOR_CERTIFICATES.SERIAL),
                r.get(CONNECTOR_CERTIFICATES.FINGERPRINT),
                r.get(CONNECTORS.ID),
                r.get(CONNECTORS.GLOBAL_ACCOUNT_ID),
                r.get(CONNECTORS.SUBACCOUNT_ID),
                r.get(CONNECTORS.LOCATION_ID),
                r.get(CONNECTOR_CERTIFICATES.NOT_AFTER),
                r.get(CONNECTOR_CERTIFICATES.SUPERSEDED_AT));
    }
}
