package io.mooring.server.connector;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Keys, CSRs and renewal signatures made the way a connector makes them: EC P-256, SHA256withECDSA. */
final class ConnectorKeys {
    private ConnectorKeys() {}

    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM CSR for the key, asking for a subject that Mooring must ignore. */
    static String csrPem(KeyPair key) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(csr(key));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** The renewal signature: base64 of SHA256withECDSA over the CSR's DER, by the current certificate's key. */
    static String renewalSignature(PrivateKey currentKey, String csrPem) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(currentKey);
            signature.update(der(csrPem));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String csrPem) {
        String base64 = csrPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static PKCS10CertificationRequest csr(KeyPair key) {
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=chosen-by-the-connector"), key.getPublic())
                    .build(signer);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
