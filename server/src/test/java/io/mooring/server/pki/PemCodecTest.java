package io.mooring.server.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PemCodecTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final CaMaterial CA = CertificateAuthority.generate("Test CA", CLOCK, new SecureRandom());

    @Test
    void privateKeyPemWhenReadBackShouldGiveTheSameEcKey() {
        String pem = PemCodec.privateKeyPem(CA.privateKey());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PemCodec.readPrivateKey(pem).getEncoded())
                .isEqualTo(CA.privateKey().getEncoded());
    }

    @Test
    void privateKeyPemWhenReadBackShouldGiveTheSameRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();

        PrivateKey readBack = PemCodec.readPrivateKey(PemCodec.privateKeyPem(key));

        assertThat(readBack.getAlgorithm()).isEqualTo("RSA");
        assertThat(readBack.getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void certificatePemWhenReadBackShouldGiveTheSameCertificate() {
        String pem = PemCodec.certificatePem(CA.certificate());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(PemCodec.readCertificate(pem)).isEqualTo(CA.certificate());
    }

    @Test
    void certificatePemShouldWrapBase64AtSixtyFourColumns() {
        String pem = PemCodec.certificatePem(CA.certificate());

        assertThat(pem.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(64));
    }

    @Test
    void caMaterialFromPemShouldRestoreCertificateAndKey() {
        CaMaterial restored = CaMaterial.fromPem(CA.certificatePem(), CA.privateKeyPem());

        assertThat(restored.certificate()).isEqualTo(CA.certificate());
        assertThat(restored.privateKey().getEncoded()).isEqualTo(CA.privateKey().getEncoded());
    }

    @Test
    void caMaterialToStringShouldNotRevealThePrivateKey() {
        assertThat(CA.toString()).contains("CN=Test CA").contains("<redacted>").doesNotContain(CA.privateKeyPem());
    }

    @Test
    void readPrivateKeyWhenGivenACertificateShouldBeRejected() {
        assertThatThrownBy(() -> PemCodec.readPrivateKey(CA.certificatePem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void readCertificateWhenContentIsNotACertificateShouldBeRejected() {
        String pem = "-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> PemCodec.readCertificate(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid X.509 certificate");
    }

    @Test
    void readCertificateWhenTextIsNotPemShouldBeRejected() {
        assertThatThrownBy(() -> PemCodec.readCertificate("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-----BEGIN CERTIFICATE-----");
    }
}
