package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.crypto.SealedRecords;
import io.mooring.server.platform.crypto.SecretKeyring;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ids of the keys that seal stored secrets, and their rotation, for platform operators; never key material. A
 * rotation seals the stored secrets again with the new key before it answers.
 */
@RestController
class SecretKeyController {
    private final SecretKeyService secretKeys;

    SecretKeyController(SecretKeyService secretKeys) {
        this.secretKeys = requireNonNull(secretKeys, "secretKeys");
    }

    @GetMapping("/api/v1/platform/secret-keys")
    @RequiresRole(Role.PLATFORM_OPERATOR)
    SecretKeyring.Summary keys() {
        return secretKeys.keys();
    }

    @PostMapping("/api/v1/platform/secret-keys/rotation")
    @RequiresRole(Role.PLATFORM_OPERATOR)
    Rotation rotate(Caller caller) {
        SecretKeyring.Summary rotated = secretKeys.rotate(caller);
        return new Rotation(rotated.primaryKeyId(), rotated.keyIds(), secretKeys.resealStoredSecrets());
    }

    /** The keys after a rotation, and how many stored secrets of each kind were sealed again with the new one. */
    record Rotation(long primaryKeyId, List<Long> keyIds, Map<String, SealedRecords.Outcome> resealed) {}
}
