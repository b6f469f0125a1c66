package io.mooring.server.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SecretKeyringTest {
    @TempDir
    Path directory;

    @Test
    void missingKeysetFileShouldBeCreatedOwnerOnlyWithOneKey() throws Exception {
        Path file = directory.resolve("data/secret-keyset.json");

        SecretKeyring keyring = keyring(file, null);

        assertThat(file).exists();
        assertThat(keyring.keyIds()).containsExactly(keyring.primaryKeyId());
        assertThat(Files.readString(file)).contains(Long.toString(keyring.primaryKeyId()));
        assumeThat(file.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void existingKeysetFileShouldBeReusedOnTheNextStart() {
        Path file = directory.resolve("secret-keyset.json");
        SecretKeyring first = keyring(file, null);

        SecretKeyring second = keyring(file, null);

        assertThat(second.summary()).isEqualTo(first.summary());
    }

    @Test
    void rotationShouldAddANewPrimaryKeepTheOldKeysAndSaveTheFile() {
        Path file = directory.resolve("secret-keyset.json");
        SecretKeyring keyring = keyring(file, null);
        long oldPrimary = keyring.primaryKeyId();

        SecretKeyring.Summary rotated = keyring.rotate();

        assertThat(rotated.primaryKeyId()).isNotEqualTo(oldPrimary).isEqualTo(keyring.primaryKeyId());
        assertThat(rotated.keyIds()).containsExactly(oldPrimary, rotated.primaryKeyId());
        assertThat(keyring(file, null).summary()).isEqualTo(rotated);
    }

    @Test
    void inlineKeysetShouldWinOverTheFile() throws Exception {
        Path file = directory.resolve("secret-keyset.json");
        SecretKeyring fromFile = keyring(file, null);
        KeysetHandle inline =
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());

        SecretKeyring keyring = keyring(file, json(inline));

        assertThat(keyring.primaryKeyId())
                .isEqualTo(Integer.toUnsignedLong(inline.getPrimary().getId()))
                .isNotEqualTo(fromFile.primaryKeyId());
    }

    @Test
    void inlineKeysetShouldNotCreateTheFile() throws Exception {
        Path file = directory.resolve("secret-keyset.json");

        keyring(file, json(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get())));

        assertThat(file).doesNotExist();
    }

    @Test
    void rotationOfAnInlineKeysetShouldBeRefusedSayingHowToRotate() throws Exception {
        SecretKeyring keyring = keyring(
                directory.resolve("secret-keyset.json"),
                json(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get())));
        long primary = keyring.primaryKeyId();

        assertThatThrownBy(keyring::rotate)
                .isInstanceOfSatisfying(
                        MooringProblem.class,
                        problem -> assertThat(problem.problemType()).isEqualTo(ProblemType.INVALID_STATE))
                .hasMessageContaining("mooring.secret-keys.keyset");
        assertThat(keyring.primaryKeyId()).isEqualTo(primary);
    }

    @Test
    void unreadableKeysetShouldStopTheStartNamingItsSource() throws Exception {
        Path file = directory.resolve("secret-keyset.json");
        Files.writeString(file, "{\"not\": \"a keyset\"}");

        assertThatThrownBy(() -> keyring(file, null)).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> keyring(file, "garbage")).hasMessageContaining("mooring.secret-keys.keyset");
    }

    private static String json(KeysetHandle handle) throws Exception {
        return TinkJsonProtoKeysetFormat.serializeKeyset(
                handle, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    }

    private static SecretKeyring keyring(Path file, @Nullable String inline) {
        Map<String, String> values = new HashMap<>();
        values.put("mooring.secret-keys.keyset-file", file.toString());
        if (inline != null) {
            values.put("mooring.secret-keys.keyset", inline);
        }
        return new SecretKeyring(new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("mooring", MooringProperties.class));
    }
}
