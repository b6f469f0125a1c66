package io.mooring.connector.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path temp;

    @Test
    void writeAtomicallyReplacesContentAndMakesFileOwnerOnly() throws IOException {
        Path file = temp.resolve("f");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.writeAtomically(file, "new".getBytes(UTF_8));

        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void openForAppendCreatesOwnerOnlyFileAndAppends() throws IOException {
        Path file = temp.resolve("log");
        for (String line : new String[] {"a\n", "b\n"}) {
            try (FileChannel channel = OwnerOnlyFiles.openForAppend(file)) {
                channel.write(ByteBuffer.wrap(line.getBytes(UTF_8)));
            }
        }

        assertThat(Files.readString(file, UTF_8)).isEqualTo("a\nb\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
