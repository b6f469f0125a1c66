package io.mooring.connector.config;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files of the connector's data folder, readable by the connector's own user only. On file systems without POSIX
 * permissions (Windows) the folder's access list is left as the operating system made it.
 */
public final class OwnerOnlyFiles {
    private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];

    private OwnerOnlyFiles() {}

    /** Creates the folder, and the missing ones above it, owner-only ({@code rwx------}) when missing. */
    public static Path createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        return Files.createDirectories(directory, attributes(directory, "rwx------"));
    }

    /** Creates an empty owner-only ({@code rw-------}) file; fails when it exists. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, fileAttributes(file));
    }

    /**
     * Replaces the file's content at once: readers see the old or the new content, never a part, even when the
     * machine stops in between. Writes a temporary file beside it, forces it to disk, renames it over the file and
     * forces the folder.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp", fileAttributes(file));
        try {
            try (FileChannel channel = FileChannel.open(temporary, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        forceDirectory(directory);
    }

    /** Removes the temporary files that {@link #writeAtomically} left when the process stopped half-way. */
    public static void removeLeftovers(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        try (var leftovers = Files.newDirectoryStream(directory, file.getFileName() + ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Opens a new owner-only file for appending, or the existing file as it is. */
    public static FileChannel openForAppend(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                createFile(file);
            } catch (FileAlreadyExistsException raced) {
                // Another writer created it first; append to it.
            }
        }
        return FileChannel.open(file, WRITE, APPEND);
    }

    private static FileAttribute<?>[] fileAttributes(Path file) {
        return attributes(file, "rw-------");
    }

    private static FileAttribute<?>[] attributes(Path path, String permissions) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return NO_ATTRIBUTES;
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        };
    }

    private static void forceDirectory(Path directory) {
        // Makes the rename durable on Linux; other systems cannot open a folder this way, and need not.
        try (FileChannel channel = FileChannel.open(directory)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort.
        }
    }
}
