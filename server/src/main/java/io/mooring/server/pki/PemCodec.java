package io.mooring.server.pki;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.jspecify.annotations.Nullable;

/** Writes X.509 certificates and PKCS#8 private keys as PEM text and reads them back. */
public final class PemCodec {
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII));

    private PemCodec() {}

    public static String certificatePem(X509Certificate certificate) {
        try {
            return write(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The certificate cannot be encoded", e);
        }
    }

    public static X509Certificate readCertificate(String pem) {
        byte[] der = readBlock(pem, CERTIFICATE);
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The CERTIFICATE block is not a valid X.509 certificate", e);
        }
    }

    public static String privateKeyPem(PrivateKey privateKey) {
        // A JCA key's encoding is PKCS#8 whenever it has this format, which is what "PRIVATE KEY" promises.
        if (!"PKCS#8".equals(privateKey.getFormat())) {
            throw new IllegalArgumentException("The private key cannot be exported as PKCS#8");
        }
        return write(PRIVATE_KEY, privateKey.getEncoded());
    }

    public static PrivateKey readPrivateKey(String pem) {
        byte[] der = readBlock(pem, PRIVATE_KEY);
        try {
            return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(der));
        } catch (PEMException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The PRIVATE KEY block is not a valid PKCS#8 private key", e);
        }
    }

    /** Returns the first PEM block in the text, or null if there is none; text around it is ignored. */
    static @Nullable PemObject firstBlock(String text) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(text))) {
            return reader.readPemObject();
        } catch (DecoderException e) {
            throw new IOException("The PEM block is not valid base64", e);
        }
    }

    private static byte[] readBlock(String pem, String type) {
        PemObject block;
        try {
            block = firstBlock(pem);
        } catch (IOException e) {
            throw new IllegalArgumentException("The " + type + " PEM block is damaged", e);
        }
        if (block == null || !type.equals(block.getType())) {
            throw new IllegalArgumentException("Expected a PEM block starting with -----BEGIN " + type + "-----");
        }
        return block.getContent();
    }

    // Always "\n" rather than the platform's line separator, so that stored PEM text does not depend on the host.
    private static String write(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
