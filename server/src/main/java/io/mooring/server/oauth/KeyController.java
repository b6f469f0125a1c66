package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.PublicEndpoint;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The published JWKS, and key rotation for platform operators. */
@RestController
class KeyController {
    private final SigningKeys signingKeys;

    KeyController(SigningKeys signingKeys) {
        this.signingKeys = requireNonNull(signingKeys, "signingKeys");
    }

    @GetMapping({"/oauth/token_keys", "/.well-known/jwks.json"})
    @PublicEndpoint("public keys that let anyone verify Mooring's tokens")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(signingKeys.publicKeys().toJSONObject());
    }

    @GetMapping("/api/v1/signing-keys")
    @RequiresRole(Role.PLATFORM_OPERATOR)
    List<KeyView> keys() {
        return signingKeys.storedKeys().stream()
                .map(key -> new KeyView(key.kid(), key.createdAt(), key.retiredAt()))
                .toList();
    }

    @PostMapping("/api/v1/signing-keys/rotation")
    @RequiresRole(Role.PLATFORM_OPERATOR)
    KeyView rotate(Caller caller) {
        String kid = signingKeys.rotate(caller);
        return keys().stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow();
    }

    /** A signing key's metadata; its private part never leaves the server. */
    record KeyView(String kid, Instant createdAt, @Nullable Instant retiredAt) {}
}
