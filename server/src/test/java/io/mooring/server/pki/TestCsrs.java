package io.mooring.server.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Keys and certificate signing requests built the way a system would build them. */
final class TestCsrs {
    // An instance rather than a registered provider, so the code under test runs on the JDK's providers alone.
    private static final Provider BC = new BouncyCastleProvider();
    static final String REQUESTED_SUBJECT = "CN=chosen-by-the-requester,O=Not Mooring";

    private TestCsrs() {}

    static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static KeyPair ed25519() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519", BC).generateKeyPair();
    }

    static PKCS10CertificationRequest csr(KeyPair keyPair) throws OperatorCreationException {
        return csr(keyPair.getPublic(), keyPair.getPrivate(), defaultSignatureAlgorithm(keyPair.getPublic()));
    }

    static PKCS10CertificationRequest csr(PublicKey publicKey, PrivateKey signingKey, String signatureAlgorithm)
            throws OperatorCreationException {
        var signer =
                new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(signingKey);
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(REQUESTED_SUBJECT), publicKey).build(signer);
    }

    static String pem(PKCS10CertificationRequest csr) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(csr);
        }
        return text.toString();
    }

    static String pem(KeyPair keyPair) throws IOException, OperatorCreationException {
        return pem(csr(keyPair));
    }

    static String pem(String type, byte[] content) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, content));
        }
        return text.toString();
    }

    private static String defaultSignatureAlgorithm(PublicKey publicKey) {
        return switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519" -> "Ed25519";
            default -> "SHA256withECDSA";
        };
    }
}
