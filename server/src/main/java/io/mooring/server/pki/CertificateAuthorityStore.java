package io.mooring.server.pki;

import static io.mooring.server.db.Tables.CERTIFICATE_AUTHORITIES;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL for Mooring's certificate authorities, kept in the database so that every replica signs with the same one. */
@Repository
class CertificateAuthorityStore {
    private final DSLContext db;

    CertificateAuthorityStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    Optional<CaMaterial> find(String name) {
        return db.selectFrom(CERTIFICATE_AUTHORITIES)
                .where(CERTIFICATE_AUTHORITIES.NAME.eq(name))
                .fetchOptional(r -> CaMaterial.fromPem(r.getCertificatePem(), r.getPrivateKeyPem()));
    }

    /** Stores the authority unless another replica stored one under that name first. */
    void insertIfAbsent(String name, CaMaterial material, Instant now) {
        db.insertInto(CERTIFICATE_AUTHORITIES)
                .set(CERTIFICATE_AUTHORITIES.NAME, name)
                .set(CERTIFICATE_AUTHORITIES.CERTIFICATE_PEM, material.certificatePem())
                .set(CERTIFICATE_AUTHORITIES.PRIVATE_KEY_PEM, material.privateKeyPem())
                .set(CERTIFICATE_AUTHORITIES.CREATED_AT, now)
                .onConflictDoNothing()
                .execute();
    }
}
