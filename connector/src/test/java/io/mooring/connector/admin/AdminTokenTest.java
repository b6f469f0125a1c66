package io.mooring.connector.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path temp;

    @Test
    void firstStartCreatesOwnerOnlyRandomToken() throws IOException {
        AdminToken token = AdminToken.loadOrCreate(temp.resolve("data"));

        String content = Files.readString(token.file(), UTF_8).strip();
        assertThat(content).matches("[A-Za-z0-9_-]{43}");
        assertThat(token.matches(content)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("data"))))
                .isEqualTo("rwx------");
    }

    @Test
    void laterStartsReadTheSameToken() throws IOException {
        AdminToken first = AdminToken.loadOrCreate(temp);
        String content = Files.readString(first.file(), UTF_8).strip();

        AdminToken second = AdminToken.loadOrCreate(temp);

        assertThat(second.matches(content)).isTrue();
    }

    @Test
    void otherTokensDoNotMatch() throws IOException {
        AdminToken token = AdminToken.loadOrCreate(temp);
        String content = Files.readString(token.file(), UTF_8).strip();

        assertThat(token.matches(null)).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(content + "x")).isFalse();
        assertThat(token.matches(content.substring(1))).isFalse();
        assertThat(token.toString()).doesNotContain(content);
    }

    @Test
    void emptyTokenFileIsRefused() throws IOException {
        Files.writeString(temp.resolve("admin-token"), "\n");

        assertThatThrownBy(() -> AdminToken.loadOrCreate(temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete it");
    }
}
