package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditEvent;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.pki.CertificateSigningRequest;
import io.mooring.server.pki.PemCodec;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.validation.Inputs;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renews a connector's certificate before it expires. The connector proves that it holds the current certificate's
 * key by signing the new CSR's DER with it; the current certificate must be one Mooring issued (same serial, same
 * bytes), of a registration that still exists, neither expired nor superseded. It is superseded by the new one, and
 * keeps opening tunnels until it expires, so that the connector's live tunnel stays up while it switches.
 */
@Service
class ConnectorRenewal {
    private static final int MAX_PEM_CHARS = 16 * 1024;

    private final ConnectorStore store;
    private final ConnectorCertificates certificates;
    private final AuditLog auditLog;
    private final Clock clock;

    ConnectorRenewal(ConnectorStore store, ConnectorCertificates certificates, AuditLog auditLog, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.certificates = requireNonNull(certificates, "certificates");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional
    Paired renew(ConnectorRequests.Renewal request) {
        X509Certificate current = certificate(request.certificate());
        CertificateSigningRequest csr = ConnectorCertificates.csr(request.csr());
        byte[] signature = signature(request.signature());
        String serial = current.getSerialNumber().toString(16);
        ConnectorCertificate known = known(serial, current)
                .orElseThrow(() -> refused("The certificate is not one Mooring issued to a registered connector; "
                        + "the registration may have been deleted. Pair the connector again with a new token."));
        if (!signs(current.getPublicKey(), csr.encoded(), signature)) {
            throw denied(
                    known,
                    "The signature does not verify: sign the CSR's DER bytes with the current "
                            + "certificate's key (SHA256withECDSA for EC keys, SHA256withRSA for RSA keys) and send it "
                            + "base64-encoded.");
        }
        ConnectorRegistration registration = store.lock(known.connectorId())
                .orElseThrow(() -> refused("The connector's registration was deleted; register it again."));
        Instant now = clock.instant();
        // Read again under the registration's lock: a pairing or renewal may have superseded it meanwhile.
        ConnectorCertificate locked = known(serial, current)
                .orElseThrow(() -> refused("The connector's registration was deleted; register it again."));
        if (locked.expiredAt(now)) {
            throw denied(
                    locked,
                    "The certificate expired on " + locked.notAfter() + "; an expired certificate "
                            + "cannot be renewed. Issue a new token for the connector in Mooring and pair it again.");
        }
        if (locked.supersededAt() != null || !store.supersede(serial, now)) {
            throw denied(
                    locked,
                    "The certificate was already renewed or replaced by a new pairing; renew with "
                            + "the newest certificate, or pair the connector again with a new token.");
        }
        ConnectorCertificates.Issued issued = certificates.issue(registration, csr, now);
        auditLog.recorded(
                registration.globalAccountId(),
                ConnectorPairing.actor(registration),
                "connector.renew",
                "connector",
                registration.id(),
                AuditEvent.Outcome.SUCCESS,
                "certificate " + serial + " renewed as " + issued.serial());
        return issued.answer();
    }

    private Optional<ConnectorCertificate> known(String serial, X509Certificate presented) {
        return store.certificate(serial).filter(certificate -> certificate.isOf(presented));
    }

    // Refusals of a certificate Mooring knows are audited in the account it belongs to: someone holds it.
    private MooringProblem denied(ConnectorCertificate certificate, String detail) {
        auditLog.denied(
                certificate.globalAccountId(),
                "connector:" + certificate.connectorId(),
                "connector.renew",
                "certificate " + certificate.serial() + ": " + detail);
        return refused(detail);
    }

    private static MooringProblem refused(String detail) {
        return MooringProblem.of(ProblemType.INVALID_CREDENTIALS, detail);
    }

    private static boolean signs(PublicKey key, byte[] data, byte[] signature) {
        String algorithm;
        switch (key.getAlgorithm()) {
            case "EC" -> algorithm = "SHA256withECDSA";
            case "RSA" -> algorithm = "SHA256withRSA";
            default -> {
                return false;
            }
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a signature that cannot even be processed is just as false
        }
    }

    private static X509Certificate certificate(@Nullable String pem) {
        String text = Inputs.required(pem, "certificate", MAX_PEM_CHARS);
        try {
            return PemCodec.readCertificate(text);
        } catch (IllegalArgumentException e) {
            throw MooringProblem.invalidInput("Field 'certificate' must be the PEM of the connector's current "
                    + "certificate, starting with -----BEGIN CERTIFICATE-----: " + e.getMessage() + ".");
        }
    }

    private static byte[] signature(@Nullable String base64) {
        String text = Inputs.required(base64, "signature", MAX_PEM_CHARS);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw MooringProblem.invalidInput(
                    "Field 'signature' must be base64 (RFC 4648, with padding) of the signature of the CSR's DER.");
        }
    }
}
