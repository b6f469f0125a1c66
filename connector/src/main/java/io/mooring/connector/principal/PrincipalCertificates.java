package io.mooring.connector.principal;

import io.mooring.connector.config.OwnerOnlyFiles;
import io.mooring.connector.identity.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Principal propagation as SAP's Cloud Connector does it for back ends behind a TLS-terminating proxy: for the user
 * Mooring verified, a short-lived X.509 certificate (CN = user name) from the connector's own principal CA, sent in
 * {@code SSL_CLIENT_CERT}. Back ends trust the principal CA ({@code GET /principal-ca} of the admin API) and map the
 * subject to their user. Certificates are reused until a third of their lifetime is left.
 */
public final class PrincipalCertificates {
    private static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final Duration BACKDATING = Duration.ofMinutes(1);
    private static final String KEY_FILE = "principal-ca-key.pem";
    private static final String CERTIFICATE_FILE = "principal-ca.pem";

    private final PrivateKey caKey;
    private final X509Certificate ca;
    private final KeyPair userKeys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    private PrincipalCertificates(PrivateKey caKey, X509Certificate ca, Clock clock) {
        this.caKey = caKey;
        this.ca = ca;
        this.clock = clock;
        this.userKeys = Pem.newEcKeyPair();
    }

    /** Loads the principal CA from the data folder, creating it on first use. */
    public static PrincipalCertificates open(Path dataDir, Clock clock) {
        Path keyFile = dataDir.resolve(KEY_FILE);
        Path certificateFile = dataDir.resolve(CERTIFICATE_FILE);
        try {
            if (Files.exists(keyFile) && Files.exists(certificateFile)) {
                return new PrincipalCertificates(
                        Pem.privateKey(Files.readString(keyFile)),
                        Pem.certificate(Files.readString(certificateFile)),
                        clock);
            }
            KeyPair keys = Pem.newEcKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, "Mooring Connector Principal CA")
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serial(new SecureRandom()),
                            Date.from(now.minus(BACKDATING)),
                            Date.from(now.plus(Duration.ofDays(3650))),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            OwnerOnlyFiles.writeAtomically(keyFile, Pem.write(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
            OwnerOnlyFiles.writeAtomically(
                    certificateFile, Pem.write(certificate).getBytes(StandardCharsets.US_ASCII));
            return new PrincipalCertificates(keys.getPrivate(), certificate, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("The principal CA in " + dataDir + " cannot be read or written", e);
        }
    }

    public String caPem() {
        return Pem.write(ca);
    }

    /** The {@code SSL_CLIENT_CERT} value for the user: base64 of the certificate's DER, on one line. */
    public String certificateHeader(String user) {
        Instant now = clock.instant();
        Issued current = issued.get(user);
        if (current == null || now.isAfter(current.renewAfter())) {
            current = issue(user, now);
            issued.put(user, current);
        }
        return current.header();
    }

    private Issued issue(String user, Instant now) {
        X500Name subject =
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, user).build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                ca,
                serial(random),
                Date.from(now.minus(BACKDATING)),
                Date.from(now.plus(VALIDITY)),
                subject,
                userKeys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate certificate = sign(builder, caKey);
            String header = Base64.getEncoder().encodeToString(certificate.getEncoded());
            return new Issued(header, now.plus(VALIDITY.multipliedBy(2).dividedBy(3)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("A principal certificate cannot be issued", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("A certificate cannot be signed", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private record Issued(String header, Instant renewAfter) {}
}
