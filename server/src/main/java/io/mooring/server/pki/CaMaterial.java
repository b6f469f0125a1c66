package io.mooring.server.pki;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** The certificate and private key of Mooring's certificate authority. */
public record CaMaterial(X509Certificate certificate, PrivateKey privateKey) {
    public CaMaterial {
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
    }

    public static CaMaterial fromPem(String certificatePem, String privateKeyPem) {
        return new CaMaterial(PemCodec.readCertificate(certificatePem), PemCodec.readPrivateKey(privateKeyPem));
    }

    public String certificatePem() {
        return PemCodec.certificatePem(certificate);
    }

    public String privateKeyPem() {
        return PemCodec.privateKeyPem(privateKey);
    }

    // The record's default would print whatever the key's toString reveals, and this value may well be logged.
    @Override
    public String toString() {
        return "CaMaterial[certificate=" + certificate.getSubjectX500Principal().getName() + ", privateKey=<redacted>]";
    }
}
