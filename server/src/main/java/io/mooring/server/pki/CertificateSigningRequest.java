package io.mooring.server.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/** A PKCS#10 certificate signing request whose key type and proof of possession have been checked. */
public final class CertificateSigningRequest {
    static final int MAX_PEM_CHARS = 16 * 1024;
    private static final Set<String> PEM_TYPES = Set.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");
    private static final String EXPECTED_BLOCK = "expected a block starting with -----BEGIN CERTIFICATE REQUEST-----";
    // Proof of possession is only as strong as the digest that is signed, so SHA-1 and weaker are refused.
    private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption,
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);
    private static final String BAD_SIGNATURE =
            "The CSR's signature does not verify: create it again with the private key that belongs to it";

    private final PublicKey publicKey;
    private final String subject;
    private final byte[] der;

    private CertificateSigningRequest(PublicKey publicKey, String subject, byte[] der) {
        this.publicKey = requireNonNull(publicKey, "publicKey");
        this.subject = requireNonNull(subject, "subject");
        this.der = requireNonNull(der, "der");
    }

    /** Parses and checks a PEM-encoded CSR, or throws an {@link InvalidCsrException} that says what to fix. */
    public static CertificateSigningRequest parsePem(String pem) {
        requireNonNull(pem, "pem");
        if (pem.length() > MAX_PEM_CHARS) {
            throw new InvalidCsrException("The CSR is " + pem.length()
                    + " characters long, but a CSR is at most 16 KiB: send only the CSR's PEM block");
        }
        byte[] der = pemContent(pem);
        PKCS10CertificationRequest request = decode(der);
        CsrKeyPolicy.check(request.getSubjectPublicKeyInfo());
        checkSignatureAlgorithm(request);
        PublicKey publicKey = publicKey(request);
        verifySignature(request, publicKey);
        return new CertificateSigningRequest(publicKey, request.getSubject().toString(), der);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Returns the subject the requester asked for, for display only: Mooring never copies it into a certificate. */
    public String subject() {
        return subject;
    }

    /** The request's DER encoding, as it came; a copy, which a renewing holder signs with its current key. */
    public byte[] encoded() {
        return der.clone();
    }

    private static byte[] pemContent(String pem) {
        PemObject block;
        try {
            block = PemCodec.firstBlock(pem);
        } catch (IOException e) {
            throw new InvalidCsrException(
                    "The CSR's PEM block is damaged: copy the whole block again, including the BEGIN and END lines", e);
        }
        if (block == null) {
            throw new InvalidCsrException("The CSR is not PEM: " + EXPECTED_BLOCK);
        }
        if (block.getType().contains("PRIVATE KEY")) {
            throw new InvalidCsrException(
                    "This is a private key, not a CSR: keep the private key secret and send only the CSR");
        }
        if (!PEM_TYPES.contains(block.getType())) {
            throw new InvalidCsrException("The PEM block is a " + block.getType() + ", not a CSR: " + EXPECTED_BLOCK);
        }
        return block.getContent();
    }

    private static PKCS10CertificationRequest decode(byte[] der) {
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            // The ASN.1 parser reports malformed input through several unchecked exceptions as well.
            throw new InvalidCsrException(
                    "The CSR's PEM block does not hold a valid PKCS#10 certificate request: create the CSR again", e);
        }
    }

    private static void checkSignatureAlgorithm(PKCS10CertificationRequest request) {
        ASN1ObjectIdentifier algorithm = request.getSignatureAlgorithm().getAlgorithm();
        if (!SIGNATURE_ALGORITHMS.contains(algorithm)) {
            String name = new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
            throw new InvalidCsrException("The CSR is signed with " + name
                    + ", which is not accepted: sign it with SHA-256, SHA-384 or SHA-512 and RSA or ECDSA");
        }
    }

    private static PublicKey publicKey(PKCS10CertificationRequest request) {
        try {
            return new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new InvalidCsrException("The CSR's public key cannot be read: create the CSR again", e);
        }
    }

    private static void verifySignature(PKCS10CertificationRequest request, PublicKey publicKey) {
        boolean valid;
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(publicKey);
            valid = request.isSignatureValid(verifier);
        } catch (OperatorCreationException | PKCSException e) {
            // A signature that cannot even be processed, such as an RSA signature over an EC key, is just as false.
            throw new InvalidCsrException(BAD_SIGNATURE, e);
        }
        if (!valid) {
            throw new InvalidCsrException(BAD_SIGNATURE);
        }
    }
}
