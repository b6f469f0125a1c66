package io.mooring.server.platform.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Random secrets that Mooring hands out (tokens, client secrets) and their stored form.
 *
 * <p>These secrets carry 256 random bits, so a plain SHA-256 is a safe and fast hash for them; passwords that
 * people choose go through {@link PasswordHasher} instead.
 */
@Component
public final class Secrets {
    public static final int SECRET_BYTES = 32;

    private final SecureRandom random;

    public Secrets(SecureRandom random) {
        this.random = requireNonNull(random, "random");
    }

    /** A new secret: 256 random bits, URL-safe base64 without padding (43 characters), after a prefix. */
    public String newSecret(String prefix) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Compares a presented secret with a stored hash in time independent of where they differ. */
    public static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
