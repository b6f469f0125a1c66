package io.mooring.connector.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.mooring.connector.config.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The bearer token of the admin API, kept in {@code admin-token} in the data folder: 32 random bytes, base64url,
 * created owner-only on first start. Whoever can read that file administers the connector.
 */
public final class AdminToken {
    /** The name of the token file in the data folder. */
    public static final String FILE_NAME = "admin-token";

    private static final Logger LOG = System.getLogger(AdminToken.class.getName());
    private static final int TOKEN_BYTES = 32;

    private final Path file;
    private final byte[] digest;

    private AdminToken(Path file, String token) {
        this.file = file;
        this.digest = sha256(token);
    }

    /** Reads the token from the data folder, creating folder and token when missing. */
    public static AdminToken loadOrCreate(Path dataDir) {
        return loadOrCreate(dataDir, new SecureRandom());
    }

    /**
     * Reads the token from the data folder, creating folder and token with the given randomness when missing.
     *
     * @throws UncheckedIOException when the file cannot be read or written
     * @throws IllegalStateException when the file is empty
     */
    public static AdminToken loadOrCreate(Path dataDir, SecureRandom random) {
        requireNonNull(random, "random");
        Path file = dataDir.resolve(FILE_NAME);
        try {
            OwnerOnlyFiles.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] secret = new byte[TOKEN_BYTES];
                random.nextBytes(secret);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                OwnerOnlyFiles.writeAtomically(file, (token + "\n").getBytes(UTF_8));
                LOG.log(Level.INFO, "Created the admin API token {0}", file);
            }
            warnWhenOthersMayRead(file);
            String token = Files.readString(file, UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException("The admin token file " + file
                        + " is empty; delete it and restart the connector to have a new token created.");
            }
            return new AdminToken(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the admin token " + file, e);
        }
    }

    /** The file the token is kept in, for telling administrators where to find it. */
    public Path file() {
        return file;
    }

    /** Whether the presented token is this one, compared in constant time. */
    public boolean matches(@Nullable String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    @Override
    public String toString() {
        return "AdminToken[" + file + "]";
    }

    private static void warnWhenOthersMayRead(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            LOG.log(Level.WARNING, "The admin token {0} is readable by other users; make it owner-only", file);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
