package io.mooring.server.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates Mooring never issued, as someone who copied a serial, or guessed one, would make them. */
public final class ForeignCertificates {
    private ForeignCertificates() {}

    public static X509Certificate selfSigned(KeyPair key, BigInteger serial) throws Exception {
        return selfSigned(key, serial, Instant.now().plus(30, ChronoUnit.DAYS));
    }

    /** As {@link #selfSigned(KeyPair, BigInteger)}, valid until {@code notAfter}. */
    public static X509Certificate selfSigned(KeyPair key, BigInteger serial, Instant notAfter) throws Exception {
        X500Name name = new X500Name("CN=plant-1,OU=forged,O=Mooring Connectors");
        var builder = new JcaX509v3CertificateBuilder(
                name,
                serial,
                Date.from(Instant.now().minus(1, ChronoUnit.HOURS)),
                Date.from(notAfter),
                name,
                key.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
