package io.mooring.server.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of Mooring's, which issues client certificates for the keys in CSRs (to systems and
 * connectors) and server certificates for keys the server makes itself (the tunnel endpoint).
 */
public final class CertificateAuthority {
    // Tolerates clients whose clocks run a little behind the server's.
    private static final Duration BACKDATING = Duration.ofMinutes(5);
    private static final Period CA_VALIDITY = Period.ofYears(10);
    private static final String CA_SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final CaMaterial material;
    private final Clock clock;
    private final SecureRandom random;
    private final String signatureAlgorithm;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;

    public CertificateAuthority(CaMaterial material, Clock clock) {
        this.material = requireNonNull(material, "material");
        this.clock = requireNonNull(clock, "clock");
        this.random = new SecureRandom();
        this.signatureAlgorithm = signatureAlgorithmFor(material.privateKey());
        this.authorityKeyIdentifier = authorityKeyIdentifier(material.certificate());
    }

    /** Creates a new self-signed root: an EC P-256 key and a certificate valid for ten years. */
    public static CaMaterial generate(String commonName, Clock clock, SecureRandom random) {
        requireNonNull(commonName, "commonName");
        // Built attribute by attribute so that commas or equals signs in the name cannot add attributes.
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .build();
        Instant now = now(clock);
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plus(CA_VALIDITY).toInstant();
        try {
            KeyPair keyPair = newP256KeyPair(random);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serialNumber(random),
                            Date.from(now.minus(BACKDATING)),
                            Date.from(notAfter),
                            name,
                            keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = signed(builder, CA_SIGNATURE_ALGORITHM, keyPair.getPrivate(), random);
            return new CaMaterial(certificate, keyPair.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Could not create the certificate authority", e);
        }
    }

    /**
     * Issues a client certificate for the CSR's key; the subject comes from the caller, never from the CSR, whose
     * subject and requested extensions are ignored so that a requester cannot choose what it is certified as.
     */
    public IssuedCertificate sign(CertificateSigningRequest csr, X500Name subject, Duration validity) {
        requireNonNull(csr, "csr");
        return issue(csr.publicKey(), subject, List.of(), Purpose.TLS_CLIENT, validity);
    }

    /**
     * Issues a certificate for a public key the caller vouches for (the key of a checked CSR, or one the server
     * made itself), with the given subject alternative names and the extended key usage of its purpose.
     */
    public IssuedCertificate issue(
            PublicKey publicKey,
            X500Name subject,
            List<GeneralName> alternativeNames,
            Purpose purpose,
            Duration validity) {
        requireNonNull(publicKey, "publicKey");
        requireNonNull(subject, "subject");
        requireNonNull(alternativeNames, "alternativeNames");
        requireNonNull(purpose, "purpose");
        requireNonNull(validity, "validity");
        if (subject.getRDNs().length == 0) {
            throw new IllegalArgumentException("The subject must not be empty");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("The validity must be positive, not " + validity);
        }
        Instant now = now(clock);
        try {
            return IssuedCertificate.of(
                    issue(publicKey, subject, alternativeNames, purpose, now.minus(BACKDATING), now.plus(validity)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("The certificate authority could not sign the certificate", e);
        }
    }

    public X509Certificate certificate() {
        return material.certificate();
    }

    public String certificatePem() {
        return material.certificatePem();
    }

    private X509Certificate issue(
            PublicKey publicKey,
            X500Name subject,
            List<GeneralName> alternativeNames,
            Purpose purpose,
            Instant notBefore,
            Instant notAfter)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        material.certificate(),
                        serialNumber(random),
                        Date.from(notBefore),
                        Date.from(notAfter),
                        subject,
                        publicKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, keyUsage(publicKey))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose.keyPurposeId))
                .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier)
                .addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(publicKey));
        if (!alternativeNames.isEmpty()) {
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
        }
        return signed(builder, signatureAlgorithm, material.privateKey(), random);
    }

    private static X509Certificate signed(
            X509v3CertificateBuilder builder, String algorithm, PrivateKey key, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException {
        var signer =
                new JcaContentSignerBuilder(algorithm).setSecureRandom(random).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    // Key transport with RSA needs keyEncipherment; EC keys only ever sign in TLS authentication.
    private static KeyUsage keyUsage(PublicKey publicKey) {
        if (publicKey instanceof RSAPublicKey) {
            return new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        }
        return new KeyUsage(KeyUsage.digitalSignature);
    }

    private static KeyPair newP256KeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    // 127 random bits with the top bit set: always positive, always the same length, well within 20 octets.
    private static BigInteger serialNumber(SecureRandom random) {
        return new BigInteger(128, random).setBit(127);
    }

    // X.509 times have whole seconds, so truncating keeps the reported notAfter equal to the certificate's.
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static SubjectKeyIdentifier subjectKeyIdentifier(PublicKey publicKey) throws GeneralSecurityException {
        return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey);
    }

    private static String signatureAlgorithmFor(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> CA_SIGNATURE_ALGORITHM;
            case "RSA" -> "SHA256withRSA";
            default ->
                throw new IllegalArgumentException("The CA key's algorithm is not supported: " + key.getAlgorithm());
        };
    }

    // Copies the CA's own key identifier, however it was computed, so that path building matches the two.
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate caCertificate) {
        byte[] extension = caCertificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        try {
            if (extension == null) {
                return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate.getPublicKey());
            }
            var identifier = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
            return new AuthorityKeyIdentifier(identifier.getKeyIdentifier());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("The CA certificate's key identifier cannot be read", e);
        }
    }

    /** What a certificate is for, as its extended key usage says. */
    public enum Purpose {
        TLS_CLIENT(KeyPurposeId.id_kp_clientAuth),
        TLS_SERVER(KeyPurposeId.id_kp_serverAuth);

        private final KeyPurposeId keyPurposeId;

        Purpose(KeyPurposeId keyPurposeId) {
            this.keyPurposeId = keyPurposeId;
        }
    }
}
