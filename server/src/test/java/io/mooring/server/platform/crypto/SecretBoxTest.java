package io.mooring.server.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.server.platform.config.MooringProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SecretBoxTest {
    private static final String PASSWORD = "destination-password-Xy7";
    private static final String CONTEXT = "destination:sub-1:dest-1";

    @TempDir
    Path directory;

    private SecretKeyring keyring;
    private SecretBox box;

    @BeforeEach
    void openBox() {
        keyring = keyring();
        box = new SecretBox(keyring);
    }

    @Test
    void sealedSecretShouldOpenWithTheSameContext() {
        String sealed = box.sealText(PASSWORD, CONTEXT);

        assertThat(sealed).startsWith("v1:").doesNotContain(PASSWORD);
        assertThat(box.openText(sealed, CONTEXT)).isEqualTo(PASSWORD);
    }

    @Test
    void sealedBytesShouldOpenToTheSameBytes() {
        byte[] certificate = {0, 1, 2, (byte) 0xff, 42};

        assertThat(box.open(box.seal(certificate, CONTEXT), CONTEXT)).isEqualTo(certificate);
    }

    @Test
    void sealingTheSameSecretTwiceShouldGiveDifferentTexts() {
        assertThat(box.sealText(PASSWORD, CONTEXT)).isNotEqualTo(box.sealText(PASSWORD, CONTEXT));
    }

    @Test
    void openingForAnotherContextShouldFailNamingTheContextButNotTheSecret() {
        String sealed = box.sealText(PASSWORD, CONTEXT);

        assertThatThrownBy(() -> box.openText(sealed, "destination:sub-1:dest-2"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("destination:sub-1:dest-2")
                .hasMessageContaining("another context")
                .hasMessageNotContaining(PASSWORD)
                .hasNoCause();
    }

    @Test
    void tamperedSecretShouldNotOpen() {
        byte[] ciphertext =
                Base64.getDecoder().decode(box.sealText(PASSWORD, CONTEXT).substring(3));
        ciphertext[ciphertext.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(ciphertext);

        assertThatThrownBy(() -> box.openText(tampered, CONTEXT))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining(CONTEXT)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void textThatWasNeverSealedShouldNotOpen() {
        assertThatThrownBy(() -> box.openText(PASSWORD, CONTEXT))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("not a secret sealed by Mooring")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> box.openText("v1:%%%", CONTEXT)).isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void secretSealedWithAKeyOutsideTheKeysetShouldNotOpenAndSaySo() {
        SecretBox other = new SecretBox(keyring(directory.resolve("other")));
        String sealed = other.sealText(PASSWORD, CONTEXT);

        assertThatThrownBy(() -> box.openText(sealed, CONTEXT))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("not in the secret keyset")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void blankContextShouldBeRefused() {
        assertThatThrownBy(() -> box.sealText(PASSWORD, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterRotationOldSecretsShouldOpenAndNewOnesShouldUseTheNewPrimary() {
        String old = box.sealText(PASSWORD, CONTEXT);
        assertThat(box.sealedWithPrimaryKey(old)).isTrue();

        keyring.rotate();
        String fresh = box.sealText(PASSWORD, CONTEXT);

        assertThat(box.openText(old, CONTEXT)).isEqualTo(PASSWORD);
        assertThat(box.openText(fresh, CONTEXT)).isEqualTo(PASSWORD);
        assertThat(box.sealedWithPrimaryKey(old)).isFalse();
        assertThat(box.sealedWithPrimaryKey(fresh)).isTrue();
        assertThat(box.sealedWithPrimaryKey("not sealed")).isFalse();
    }

    @Test
    void secretsShouldOpenAfterARestartWithTheSameKeysetFile() {
        String sealed = box.sealText(PASSWORD, CONTEXT);

        SecretBox restarted = new SecretBox(keyring());

        assertThat(restarted.openText(sealed, CONTEXT)).isEqualTo(PASSWORD);
        assertThat(new String(restarted.open(sealed, CONTEXT), StandardCharsets.UTF_8))
                .isEqualTo(PASSWORD);
    }

    private SecretKeyring keyring() {
        return keyring(directory);
    }

    private static SecretKeyring keyring(Path directory) {
        String file = directory.resolve("secret-keyset.json").toString();
        return new SecretKeyring(
                new Binder(new MapConfigurationPropertySource(Map.of("mooring.secret-keys.keyset-file", file)))
                        .bindOrCreate("mooring", MooringProperties.class));
    }
}
