package io.mooring.server.connector;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A certificate issued to a connector, with the registration it belongs to: what the tunnel endpoint and renewal
 * look up by serial. The fingerprint (SHA-256 of the DER, hex) ties the record to that very certificate.
 */
record ConnectorCertificate(
        String serial,
        String fingerprint,
        UUID connectorId,
        UUID globalAccountId,
        UUID subaccountId,
        String locationId,
        Instant notAfter,
        @Nullable Instant supersededAt) {

    static String fingerprintOf(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The certificate cannot be encoded", e);
        }
    }

    /** Whether the certificate is the one this record was made for, not merely one with the same serial. */
    boolean isOf(X509Certificate certificate) {
        return fingerprint.equals(fingerprintOf(certificate));
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(notAfter);
    }

    ConnectorIdentity identity() {
        return new ConnectorIdentity(connectorId, subaccountId, locationId);
    }
}
