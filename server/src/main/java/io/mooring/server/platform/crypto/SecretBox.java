package io.mooring.server.platform.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one way Mooring encrypts the secrets it stores (destination passwords, client secrets, certificates): Tink
 * AES-256-GCM with the keys of the {@link SecretKeyring}.
 *
 * <p>Every secret is sealed for a context, such as {@code destination:<subaccountId>:<destinationId>}, that is bound
 * to it as associated data, so a sealed secret copied into another row does not open there. A sealed secret is text
 * for a varchar column: {@code v1:} and the base64 of Tink's ciphertext, which starts with the id of the key that
 * sealed it. It takes {@code 3 + 4 * ceil((n + 33) / 3)} characters for {@code n} bytes of secret.
 */
@Component
public final class SecretBox {
    private static final String VERSION = "v1:";

    private final SecretKeyring keyring;

    public SecretBox(SecretKeyring keyring) {
        this.keyring = requireNonNull(keyring, "keyring");
    }

    /** Encrypts a secret with the primary key; sealing the same secret twice gives different texts. */
    public String seal(byte[] plaintext, String context) {
        requireNonNull(plaintext, "plaintext");
        try {
            byte[] ciphertext = keyring.current().aead().encrypt(plaintext, associatedData(context));
            return VERSION + Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal the secret for '" + context + "'", e);
        }
    }

    /**
     * Decrypts a secret sealed for this context with any key of the keyring.
     *
     * @throws UnreadableSecretException when the text is not a sealed secret, was sealed for another context or
     *     with a key the keyring no longer holds, or was changed
     */
    public byte[] open(String sealed, String context) {
        byte[] associatedData = associatedData(context);
        byte[] ciphertext = ciphertext(sealed, context);
        SecretKeyring.Keys keys = keyring.current();
        try {
            return keys.aead().decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException(
                    context,
                    keys.holdsKeyFor(ciphertext)
                            ? "it was sealed for another context or has been changed"
                            : "the key that sealed it is not in the secret keyset; was the keyset replaced?");
        }
    }

    public String sealText(String plaintext, String context) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    public String openText(String sealed, String context) {
        return new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    /**
     * Whether the keyring's current primary key sealed this text; a re-encryption job opens and seals again those
     * that answer false. Text that is not a sealed secret answers false.
     */
    public boolean sealedWithPrimaryKey(String sealed) {
        byte[] ciphertext = decodeOrNull(sealed);
        return ciphertext != null && keyring.current().sealedWithPrimary(ciphertext);
    }

    private static byte[] associatedData(String context) {
        if (context.isBlank()) {
            throw new IllegalArgumentException("A secret must be sealed for a context, such as its row's identity");
        }
        return context.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ciphertext(String sealed, String context) {
        byte[] ciphertext = decodeOrNull(sealed);
        if (ciphertext == null) {
            throw new UnreadableSecretException(context, "it is not a secret sealed by Mooring");
        }
        return ciphertext;
    }

    private static byte @Nullable [] decodeOrNull(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
