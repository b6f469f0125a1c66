package io.mooring.server.pki;

import java.io.IOException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** Decides which public keys Mooring certifies: RSA of 2048 to 8192 bits, or EC on P-256 or P-384. */
final class CsrKeyPolicy {
    private static final int MIN_RSA_BITS = 2048;
    // Bounds the work an untrusted CSR can make the server do when its signature is verified.
    private static final int MAX_RSA_BITS = 8192;
    private static final Map<ASN1ObjectIdentifier, String> CURVES =
            Map.of(SECObjectIdentifiers.secp256r1, "P-256", SECObjectIdentifiers.secp384r1, "P-384");
    private static final String SUPPORTED = "use RSA (2048+) or EC P-256/P-384";

    private CsrKeyPolicy() {}

    // Checked on the encoded key, before any conversion, so that keys the JDK cannot load still get a clear answer.
    static void check(SubjectPublicKeyInfo keyInfo) {
        ASN1ObjectIdentifier algorithm = keyInfo.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            checkRsa(keyInfo);
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            checkEc(keyInfo.getAlgorithm().getParameters());
        } else {
            String name = new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
            throw new InvalidCsrException("The CSR uses an unsupported key type " + name + "; " + SUPPORTED);
        }
    }

    private static void checkRsa(SubjectPublicKeyInfo keyInfo) {
        int bits = rsaModulusBits(keyInfo);
        if (bits < MIN_RSA_BITS) {
            throw new InvalidCsrException("The CSR's RSA key has " + bits + " bits; use at least " + MIN_RSA_BITS);
        }
        if (bits > MAX_RSA_BITS) {
            throw new InvalidCsrException("The CSR's RSA key has " + bits + " bits; use at most " + MAX_RSA_BITS);
        }
    }

    private static int rsaModulusBits(SubjectPublicKeyInfo keyInfo) {
        try {
            return RSAPublicKey.getInstance(keyInfo.parsePublicKey())
                    .getModulus()
                    .bitLength();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidCsrException("The CSR's RSA public key is malformed: create the CSR again", e);
        }
    }

    private static void checkEc(ASN1Encodable parameters) {
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            throw new InvalidCsrException(
                    "The CSR's EC key does not name its curve; use the named curve P-256 or P-384");
        }
        if (!CURVES.containsKey(curve)) {
            String name = ECNamedCurveTable.getName(curve);
            throw new InvalidCsrException("The CSR's EC key uses the curve "
                    + (name == null ? curve.getId() : name)
                    + "; use P-256 or P-384");
        }
    }
}
