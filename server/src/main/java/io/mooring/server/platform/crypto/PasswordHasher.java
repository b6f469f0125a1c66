package io.mooring.server.platform.crypto;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/** Hashes people's passwords with Argon2id (16 MiB, 2 iterations) and checks them against stored hashes. */
@Component
public final class PasswordHasher {
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    /**
     * A hash of a password no one has, so that checking an unknown user costs what checking a known one does; made
     * on first use rather than at start-up, where an Argon2 hash would only delay readiness.
     */
    private volatile String decoy;

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String storedHash) {
        return encoder.matches(password, storedHash);
    }

    /** Spends the time of one check, for callers that have no stored hash to check against. */
    public void spendCheckTime(String password) {
        String hash = decoy;
        if (hash == null) {
            hash = encoder.encode("mooring-decoy-password");
            decoy = hash;
        }
        encoder.matches(password, hash);
    }
}
