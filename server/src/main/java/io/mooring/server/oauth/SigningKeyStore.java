package io.mooring.server.oauth;

import static io.mooring.server.db.Tables.SIGNING_KEYS;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL for the keys that sign access tokens. */
@Repository
class SigningKeyStore {
    private final DSLContext db;

    SigningKeyStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insert(StoredKey key) {
        db.insertInto(SIGNING_KEYS)
                .set(SIGNING_KEYS.KID, key.kid())
                .set(SIGNING_KEYS.PRIVATE_KEY_PEM, key.jwkJson())
                .set(SIGNING_KEYS.CREATED_AT, key.createdAt())
                .execute();
    }

    /** All keys, newest first. */
    List<StoredKey> all() {
        return db.selectFrom(SIGNING_KEYS)
                .orderBy(SIGNING_KEYS.CREATED_AT.desc(), SIGNING_KEYS.KID.desc())
                .fetch(r -> new StoredKey(r.getKid(), r.getPrivateKeyPem(), r.getCreatedAt(), r.getRetiredAt()));
    }

    void retireAllBut(String kid, Instant now) {
        db.update(SIGNING_KEYS)
                .set(SIGNING_KEYS.RETIRED_AT, now)
                .where(SIGNING_KEYS.KID.ne(kid), SIGNING_KEYS.RETIRED_AT.isNull())
                .execute();
    }

    void deleteRetiredBefore(Instant cutoff) {
        db.deleteFrom(SIGNING_KEYS).where(SIGNING_KEYS.RETIRED_AT.lt(cutoff)).execute();
    }

    /** A key as stored: its private JWK, and when it stopped signing (it still verifies until deleted). */
    record StoredKey(
            String kid,
            String jwkJson,
            Instant createdAt,
            @Nullable Instant retiredAt) {}
}
