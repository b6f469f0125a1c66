package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.crypto.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tokens with which a participant reports the status of one notification: an HMAC of the notification's id
 * under a key kept in the database, so that every attempt and every replica hands out the same token and nothing
 * per notification needs to be stored.
 */
@Component
class StatusTokens {
    private final FormationStore store;
    private final Secrets secrets;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private volatile byte @Nullable [] key;

    StatusTokens(FormationStore store, Secrets secrets, Clock clock, PlatformTransactionManager transactions) {
        this.store = requireNonNull(store, "store");
        this.secrets = requireNonNull(secrets, "secrets");
        this.clock = requireNonNull(clock, "clock");
        this.transaction = new TransactionTemplate(transactions);
    }

    String tokenFor(UUID notificationId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(notificationId.toString().getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether the token is the one of this notification, compared in constant time. */
    boolean matches(UUID notificationId, @Nullable String token) {
        return token != null
                && MessageDigest.isEqual(
                        tokenFor(notificationId).getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The key, read or created once. Deliveries start concurrently: without the lock, two of them creating the first
     * key at once collided on H2, whose MERGE is not atomic, and the losing delivery failed.
     */
    private byte[] key() {
        byte[] current = key;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (key == null) {
                String stored = requireNonNull(transaction.execute(status -> store.notificationKey()
                        .orElseGet(() -> {
                            store.insertNotificationKey(secrets.newSecret(""), clock.instant());
                            return store.notificationKey().orElseThrow();
                        })));
                key = Base64.getUrlDecoder().decode(stored);
            }
            return key;
        }
    }
}
