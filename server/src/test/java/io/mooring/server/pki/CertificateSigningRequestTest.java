package io.mooring.server.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class CertificateSigningRequestTest {
    private static final String BAD_SIGNATURE = "The CSR's signature does not verify";

    @Test
    void parsePemWhenKeyIsRsa2048ShouldExposeThatKey() throws Exception {
        KeyPair keyPair = TestCsrs.rsa(2048);

        CertificateSigningRequest csr = CertificateSigningRequest.parsePem(TestCsrs.pem(keyPair));

        assertThat(csr.publicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(csr.publicKey().getEncoded()).isEqualTo(keyPair.getPublic().getEncoded());
    }

    @Test
    void parsePemWhenKeyIsEcP256ShouldExposeThatKey() throws Exception {
        KeyPair keyPair = TestCsrs.ec("secp256r1");

        CertificateSigningRequest csr = CertificateSigningRequest.parsePem(TestCsrs.pem(keyPair));

        assertThat(csr.publicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(csr.publicKey().getEncoded()).isEqualTo(keyPair.getPublic().getEncoded());
    }

    @Test
    void parsePemWhenKeyIsEcP384ShouldAcceptIt() throws Exception {
        KeyPair keyPair = TestCsrs.ec("secp384r1");
        String pem = TestCsrs.pem(TestCsrs.csr(keyPair.getPublic(), keyPair.getPrivate(), "SHA384withECDSA"));

        assertThat(CertificateSigningRequest.parsePem(pem).publicKey().getEncoded())
                .isEqualTo(keyPair.getPublic().getEncoded());
    }

    @Test
    void parsePemWhenBlockIsANewCertificateRequestShouldAcceptIt() throws Exception {
        byte[] der = TestCsrs.csr(TestCsrs.ec("secp256r1")).getEncoded();

        CertificateSigningRequest csr =
                CertificateSigningRequest.parsePem(TestCsrs.pem("NEW CERTIFICATE REQUEST", der));

        assertThat(csr.publicKey()).isInstanceOf(ECPublicKey.class);
    }

    @Test
    void parsePemWhenSurroundedByTextShouldAcceptTheBlock() throws Exception {
        String pem = "Here is my CSR:\n" + TestCsrs.pem(TestCsrs.ec("secp256r1")) + "\nThanks!\n";

        assertThat(CertificateSigningRequest.parsePem(pem).publicKey()).isInstanceOf(ECPublicKey.class);
    }

    @Test
    void subjectShouldShowWhatTheRequesterAskedFor() throws Exception {
        CertificateSigningRequest csr = CertificateSigningRequest.parsePem(TestCsrs.pem(TestCsrs.ec("secp256r1")));

        assertThat(csr.subject()).isEqualTo(TestCsrs.REQUESTED_SUBJECT);
    }

    @Test
    void parsePemWhenRsaKeyHas1024BitsShouldBeRejected() throws Exception {
        String pem = TestCsrs.pem(TestCsrs.rsa(1024));

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessage("The CSR's RSA key has 1024 bits; use at least 2048");
    }

    @Test
    void parsePemWhenRsaKeyHasMoreThan8192BitsShouldBeRejected() throws Exception {
        // Only the key matters here, so a hand-built request with an empty signature spares generating a huge key.
        var key = new RSAPublicKey(BigInteger.ONE.shiftLeft(8200).add(BigInteger.ONE), BigInteger.valueOf(65537));
        var keyInfo = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption), key);
        var info = new CertificationRequestInfo(new X500Name(TestCsrs.REQUESTED_SUBJECT), keyInfo, new DERSet());
        var request = new CertificationRequest(
                info,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption),
                new DERBitString(new byte[1]));
        String pem = TestCsrs.pem("CERTIFICATE REQUEST", request.getEncoded());

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessage("The CSR's RSA key has 8201 bits; use at most 8192");
    }

    @Test
    void parsePemWhenEcCurveIsSecp256k1ShouldBeRejected() throws Exception {
        String pem = TestCsrs.pem(TestCsrs.ec("secp256k1"));

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessage("The CSR's EC key uses the curve secp256k1; use P-256 or P-384");
    }

    @Test
    void parsePemWhenKeyIsEd25519ShouldBeRejectedAsUnsupported() throws Exception {
        String pem = TestCsrs.pem(TestCsrs.ed25519());

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageStartingWith("The CSR uses an unsupported key type ED25519")
                .hasMessageEndingWith("use RSA (2048+) or EC P-256/P-384");
    }

    @Test
    void parsePemWhenSignedWithSha1ShouldBeRejected() throws Exception {
        KeyPair keyPair = TestCsrs.rsa(2048);
        String pem = TestCsrs.pem(TestCsrs.csr(keyPair.getPublic(), keyPair.getPrivate(), "SHA1withRSA"));

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("SHA1WITHRSA")
                .hasMessageContaining("sign it with SHA-256, SHA-384 or SHA-512");
    }

    @Test
    void parsePemWhenSignatureIsTamperedShouldBeRejected() throws Exception {
        byte[] der = TestCsrs.csr(TestCsrs.rsa(2048)).getEncoded();
        der[der.length - 1] ^= 0x01;
        String pem = TestCsrs.pem("CERTIFICATE REQUEST", der);

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageStartingWith(BAD_SIGNATURE);
    }

    @Test
    void parsePemWhenSubjectIsTamperedShouldBeRejected() throws Exception {
        byte[] der = TestCsrs.csr(TestCsrs.ec("secp256r1")).getEncoded();
        replace(der, "requester", "REQUESTER");
        String pem = TestCsrs.pem("CERTIFICATE REQUEST", der);

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageStartingWith(BAD_SIGNATURE);
    }

    @Test
    void parsePemWhenSignedByAnotherKeyShouldBeRejected() throws Exception {
        KeyPair claimed = TestCsrs.ec("secp256r1");
        KeyPair signer = TestCsrs.ec("secp256r1");
        String pem = TestCsrs.pem(TestCsrs.csr(claimed.getPublic(), signer.getPrivate(), "SHA256withECDSA"));

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageStartingWith(BAD_SIGNATURE);
    }

    @Test
    void parsePemWhenTextIsNotPemShouldBeRejected() {
        assertThatThrownBy(() -> CertificateSigningRequest.parsePem("MIIBszCCAVkCAQAw"))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessage("The CSR is not PEM: expected a block starting with -----BEGIN CERTIFICATE REQUEST-----");
    }

    @Test
    void parsePemWhenBase64IsGarbageShouldBeRejected() {
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n%%% not base64 %%%\n-----END CERTIFICATE REQUEST-----\n";

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageStartingWith("The CSR's PEM block is damaged");
    }

    @Test
    void parsePemWhenEndLineIsMissingShouldBeRejected() throws Exception {
        String pem = TestCsrs.pem(TestCsrs.ec("secp256r1")).replace("-----END CERTIFICATE REQUEST-----", "");

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageStartingWith("The CSR's PEM block is damaged");
    }

    @Test
    void parsePemWhenContentIsNotACertificateRequestShouldBeRejected() throws Exception {
        String pem = TestCsrs.pem("CERTIFICATE REQUEST", "hello, world".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("does not hold a valid PKCS#10 certificate request");
    }

    @Test
    void parsePemWhenBlockIsACertificateShouldBeRejected() throws Exception {
        String pem = TestCsrs.pem("CERTIFICATE", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessage("The PEM block is a CERTIFICATE, not a CSR: "
                        + "expected a block starting with -----BEGIN CERTIFICATE REQUEST-----");
    }

    @Test
    void parsePemWhenBlockIsAPrivateKeyShouldSayToKeepItSecret() throws Exception {
        String pem = TestCsrs.pem(
                "PRIVATE KEY", TestCsrs.ec("secp256r1").getPrivate().getEncoded());

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("keep the private key secret");
    }

    @Test
    void parsePemWhenLongerThan16KiBShouldBeRejected() throws Exception {
        String valid = TestCsrs.pem(TestCsrs.ec("secp256r1"));
        String pem = valid + " ".repeat(CertificateSigningRequest.MAX_PEM_CHARS + 1 - valid.length());

        assertThatThrownBy(() -> CertificateSigningRequest.parsePem(pem))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("at most 16 KiB");
    }

    @Test
    void parsePemWhenExactly16KiBShouldNotBeRejectedForItsSize() throws Exception {
        String valid = TestCsrs.pem(TestCsrs.ec("secp256r1"));
        String pem = valid + " ".repeat(CertificateSigningRequest.MAX_PEM_CHARS - valid.length());

        assertThat(CertificateSigningRequest.parsePem(pem).publicKey()).isInstanceOf(ECPublicKey.class);
    }

    private static void replace(byte[] der, String from, String to) {
        byte[] target = from.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + target.length <= der.length; i++) {
            if (Arrays.equals(der, i, i + target.length, target, 0, target.length)) {
                System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, der, i, target.length);
                return;
            }
        }
        throw new IllegalArgumentException(from + " is not in the request");
    }
}
