package io.mooring.server.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.util.Bytes;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Tink AEAD keyset that seals Mooring's stored secrets, read at start and swapped whole on rotation.
 *
 * <p>The keyset comes from {@code mooring.secret-keys.keyset} when set, else from {@code
 * mooring.secret-keys.keyset-file}, which the first start creates with one AES-256-GCM key. <b>Back the file up with
 * the database</b>: secrets sealed with its keys cannot be opened without it. Rotation adds a key and rewrites the
 * file; it only reaches this process, so servers that share a database should share an inline keyset and rotate it in
 * their configuration.
 */
@Component
public final class SecretKeyring {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyring.class);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Where the keyset lives, or null when it came inline from the configuration and so cannot be rewritten. */
    private final @Nullable Path file;

    private final AtomicReference<Keys> keys = new AtomicReference<>();

    public SecretKeyring(MooringProperties properties) {
        MooringProperties.SecretKeys settings = properties.secretKeys();
        String inline = settings.keyset();
        if (inline != null && !inline.isBlank()) {
            this.file = null;
            keys.set(Keys.of(parse(inline, "mooring.secret-keys.keyset")));
            log.info(
                    "Secret keyset from mooring.secret-keys.keyset: primary key {} of keys {}",
                    primaryKeyId(),
                    keyIds());
        } else if (settings.keysetFile().isBlank()) {
            throw new IllegalStateException(
                    "Set mooring.secret-keys.keyset (a Tink JSON keyset) or mooring.secret-keys.keyset-file");
        } else {
            this.file = Path.of(settings.keysetFile()).toAbsolutePath();
            keys.set(Keys.of(readOrCreate(file)));
        }
    }

    /** The id of the key that seals new secrets, as Tink writes it (an unsigned 32-bit number). */
    public long primaryKeyId() {
        return keys.get().primaryId();
    }

    /** The ids of every key in the keyset, in keyset order; all of them open what they sealed. */
    public List<Long> keyIds() {
        return keys.get().ids();
    }

    /** The primary key id with all key ids, read together. */
    public Summary summary() {
        return keys.get().summary();
    }

    /**
     * Adds a new AES-256-GCM key and makes it the primary, keeping the old keys for opening what they sealed, and
     * saves the keyset before using it.
     */
    public synchronized Summary rotate() {
        if (file == null) {
            throw MooringProblem.of(
                    ProblemType.INVALID_STATE,
                    "The secret keyset is given in mooring.secret-keys.keyset (MOORING_SECRET_KEYSET), so Mooring cannot"
                            + " rewrite it. Rotate by adding a key to that keyset and making it the primary (for"
                            + " example with Tinkey's add-key and promote-key), then restarting with it.");
        }
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(keys.get().handle())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            Keys next = Keys.of(rotated);
            KeysetFiles.replace(file, serialize(rotated));
            keys.set(next);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not add a key to the secret keyset", e);
        }
        Summary summary = summary();
        log.info("Secret keyset {} rotated: primary key {} of keys {}", file, summary.primaryKeyId(), summary.keyIds());
        return summary;
    }

    Keys current() {
        return keys.get();
    }

    private static KeysetHandle readOrCreate(Path file) {
        try {
            KeysetHandle handle = parse(Files.readString(file), file.toString());
            KeysetFiles.warnUnlessOwnerOnly(file);
            log.info("Secret keyset from {}: keys {}", file, Keys.of(handle).ids());
            return handle;
        } catch (NoSuchFileException e) {
            KeysetHandle handle = generate();
            KeysetFiles.create(file, serialize(handle));
            log.info(
                    "Secret keyset created in {}: {}. Back this file up with the database; secrets sealed with its"
                            + " keys cannot be opened without it.",
                    file,
                    Keys.of(handle).ids());
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret keyset file " + file, e);
        }
    }

    private static KeysetHandle parse(String json, String source) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(
                    json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(source + " does not hold a Tink keyset in JSON format", e);
        }
    }

    private static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a secret keyset", e);
        }
    }

    private static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    handle, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not serialize the secret keyset", e);
        }
    }

    /** The primary key id and all key ids, unsigned as in Tink's JSON keyset. */
    public record Summary(long primaryKeyId, List<Long> keyIds) {
        public Summary {
            keyIds = List.copyOf(keyIds);
        }
    }

    /**
     * One keyset with its AEAD and the primary's ciphertext prefix, swapped as a whole so that a rotation never
     * pairs a new primary with an old AEAD.
     */
    record Keys(KeysetHandle handle, Aead aead, long primaryId, List<Long> ids, Bytes primaryPrefix) {
        static Keys of(KeysetHandle handle) {
            try {
                Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
                if (!(handle.getPrimary().getKey() instanceof AeadKey primary)
                        || primary.getOutputPrefix().size() == 0) {
                    throw new IllegalStateException("The secret keyset's primary key must be an AEAD key with"
                            + " Tink's output prefix, so that sealed secrets name their key");
                }
                List<Long> ids = IntStream.range(0, handle.size())
                        .mapToObj(i -> Integer.toUnsignedLong(handle.getAt(i).getId()))
                        .toList();
                return new Keys(
                        handle,
                        aead,
                        Integer.toUnsignedLong(handle.getPrimary().getId()),
                        ids,
                        primary.getOutputPrefix());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The secret keyset does not hold usable AEAD keys", e);
            }
        }

        Summary summary() {
            return new Summary(primaryId, ids);
        }

        boolean sealedWithPrimary(byte[] ciphertext) {
            int length = primaryPrefix.size();
            return ciphertext.length > length
                    && Bytes.copyFrom(ciphertext, 0, length).equals(primaryPrefix);
        }

        /** Whether a ciphertext's Tink prefix names a key of this keyset (or it has none, as RAW keys write). */
        boolean holdsKeyFor(byte[] ciphertext) {
            if (ciphertext.length < 5 || (ciphertext[0] != 0x01 && ciphertext[0] != 0x00)) {
                return true;
            }
            long id = Integer.toUnsignedLong(((ciphertext[1] & 0xff) << 24)
                    | ((ciphertext[2] & 0xff) << 16)
                    | ((ciphertext[3] & 0xff) << 8)
                    | (ciphertext[4] & 0xff));
            return ids.contains(id);
        }
    }
}
