package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.security.Caller;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The RSA keys that sign Mooring's access tokens. The newest key signs; retired keys keep verifying tokens they
 * signed until those have expired, so a rotation logs no one out. Keys live in the database so that replicas
 * share them; a replica that meets an unknown key id reloads them.
 */
@Service
public class SigningKeys implements JWKSource<SecurityContext> {
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

    private final SigningKeyStore store;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration tokenValidity;
    private volatile Snapshot snapshot = new Snapshot(null, new JWKSet(), Instant.MIN);

    SigningKeys(SigningKeyStore store, AuditLog auditLog, IdGenerator ids, Clock clock, MooringProperties properties) {
        this.store = requireNonNull(store, "store");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
        this.tokenValidity = properties.tokens().accessTokenValidity();
    }

    /** The key that signs new tokens, creating the first one if there is none. */
    public ActiveKey activeKey() {
        Snapshot current = snapshot;
        if (current.active() == null) {
            current = reload();
        }
        if (current.active() == null) {
            rotate(null);
            current = snapshot;
        }
        return requireNonNull(current.active(), "active signing key");
    }

    /** Public keys that verify tokens: the JWKS that Mooring publishes. */
    public JWKSet publicKeys() {
        activeKey();
        return snapshot.publicKeys();
    }

    /** Makes a new signing key; the previous ones keep verifying until the tokens they signed have expired. */
    @Transactional
    public String rotate(@Nullable Caller operator) {
        Instant now = clock.instant();
        RSAKey key = generate();
        store.insert(new SigningKeyStore.StoredKey(key.getKeyID(), key.toJSONString(), now, null));
        store.retireAllBut(key.getKeyID(), now);
        store.deleteRetiredBefore(now.minus(tokenValidity.multipliedBy(2)));
        if (operator != null) {
            auditLog.changed(operator, "signing-key.rotate", "signing-key", key.getKeyID(), null);
        }
        reload();
        return key.getKeyID();
    }

    @Transactional(readOnly = true)
    public List<SigningKeyStore.StoredKey> storedKeys() {
        return store.all();
    }

    /** Verification keys for the JWT decoder: public keys only, so that verifying never touches a private key. */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> matches = selector.select(snapshot.publicKeys());
        if (matches.isEmpty()
                && Duration.between(snapshot.loadedAt(), clock.instant()).compareTo(RELOAD_AT_MOST_EVERY) > 0) {
            matches = selector.select(reload().publicKeys());
        }
        return matches;
    }

    private synchronized Snapshot reload() {
        List<SigningKeyStore.StoredKey> stored = store.all();
        List<JWK> keys = stored.stream().map(SigningKeys::parse).toList();
        ActiveKey active = stored.stream()
                .filter(key -> key.retiredAt() == null)
                .findFirst()
                .map(key -> ActiveKey.of((RSAKey) parse(key)))
                .orElse(null);
        snapshot = new Snapshot(active, new JWKSet(keys).toPublicJWKSet(), clock.instant());
        return snapshot;
    }

    private RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(ids.newId().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Every Java runtime can generate RSA keys", e);
        }
    }

    private static JWK parse(SigningKeyStore.StoredKey key) {
        try {
            return JWK.parse(key.jwkJson());
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key " + key.kid() + " in the database is unreadable", e);
        }
    }

    /**
     * The signing key's id with a signer for it, made once per key (making one converts the key, which is not
     * cheap) and handed out together so that a rotation cannot split them.
     */
    public record ActiveKey(String kid, RSASSASigner signer) {
        static ActiveKey of(RSAKey key) {
            try {
                return new ActiveKey(key.getKeyID(), new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("Signing key " + key.getKeyID() + " is not a usable RSA key", e);
            }
        }
    }

    private record Snapshot(@Nullable ActiveKey active, JWKSet publicKeys, Instant loadedAt) {}
}
