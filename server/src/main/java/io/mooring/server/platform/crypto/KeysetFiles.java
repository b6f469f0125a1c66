package io.mooring.server.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes keyset files readable by their owner only, whole or not at all: the content goes to a synced temporary
 * file beside the target, which then takes the target's name in one atomic move.
 */
final class KeysetFiles {
    private static final Logger log = LoggerFactory.getLogger(KeysetFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeysetFiles() {}

    /** Writes a new keyset file; refuses to overwrite one that appeared meanwhile, which may hold other keys. */
    static void create(Path file, String content) {
        write(file, content, false);
    }

    /** Replaces a keyset file with a new version of its keyset. */
    static void replace(Path file, String content) {
        write(file, content, true);
    }

    static void warnUnlessOwnerOnly(Path file) throws IOException {
        if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            log.warn("The secret keyset file {} can be read by others than its owner; chmod 600 it", file);
        }
    }

    private static void write(Path file, String content, boolean replace) {
        Path directory = file.getParent();
        @Nullable Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = supportsPosix(directory)
                    ? Files.createTempFile(directory, ".secret-keyset", ".tmp", ownerOnly())
                    : Files.createTempFile(directory, ".secret-keyset", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            if (replace) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("The secret keyset file " + file + " appeared while Mooring was creating"
                    + " it; is another server starting on the same data directory?");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secret keyset file " + file, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }

    private static void deleteQuietly(@Nullable Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            log.warn("Could not delete the temporary keyset file {}", temporary, e);
        }
    }
}
