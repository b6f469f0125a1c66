package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.crypto.SecretKeyring;
import io.mooring.server.platform.security.Caller;
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

    SecretKeyService(SecretKeyring keyring, AuditLog auditLog) {
        this.keyring = requireNonNull(keyring, "keyring");
        this.auditLog = requireNonNull(auditLog, "auditLog");
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
}
