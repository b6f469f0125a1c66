package io.mooring.server.pki;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A client certificate issued by Mooring's certificate authority, with the facts the caller records about it. */
public record IssuedCertificate(X509Certificate certificate, String serialNumberHex, Instant notAfter) {
    public IssuedCertificate {
        requireNonNull(certificate, "certificate");
        requireNonNull(serialNumberHex, "serialNumberHex");
        requireNonNull(notAfter, "notAfter");
    }

    static IssuedCertificate of(X509Certificate certificate) {
        return new IssuedCertificate(
                certificate,
                certificate.getSerialNumber().toString(16),
                certificate.getNotAfter().toInstant());
    }

    public String certificatePem() {
        return PemCodec.certificatePem(certificate);
    }
}
