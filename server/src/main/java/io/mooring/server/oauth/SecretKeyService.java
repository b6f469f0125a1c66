package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.crypto.SealedRecords;
import io.mooring.server.platform.crypto.SecretKeyring;
import io.mooring.server.platform.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotation of the keys that seal stored secrets, audited. It lives beside the signing keys because the platform
 * packages, where the keyring is, may not use the audit log.
 */
@Service
class SecretKeyService {
    private final SecretKeyring keyring;
    private final AuditLog auditLog;

    private final List<SealedRecords> sealedRecords;

    SecretKeyService(SecretKeyring keyring, AuditLog auditLog, List<SealedRecords> sealedRecords) {
        this.keyring = requireNonNull(keyring, "keyring");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.sealedRecords = List.copyOf(sealedRecords);
    }

    SecretKeyring.Summary keys() {
        return keyring.summary();
    }

    /**
     * Adds a new primary key; the keyset file is rewritten before the audit event is written, so a failed rotation
     * leaves no event behind.
     */
    @Transactional
    SecretKeyring.Summary rotate(Caller operator) {
        SecretKeyring.Summary rotated = keyring.rotate();
        auditLog.changed(
                operator, "secret-key.rotate", "secret-key", rotated.primaryKeyId(), "keys " + rotated.keyIds());
        return rotated;
    }

    /**
     * Seals every stored secret that an older key sealed again with the primary key, kind by kind, each in batches
     * of their own transactions (not in the rotation's): how many of each kind were sealed again, and how many no
     * key opened.
     */
    Map<String, SealedRecords.Outcome> resealStoredSecrets() {
        Map<String, SealedRecords.Outcome> resealed = new LinkedHashMap<>();
        sealedRecords.forEach(records -> resealed.put(records.kind(), records.resealWithPrimaryKey()));
        return resealed;
    }
}
