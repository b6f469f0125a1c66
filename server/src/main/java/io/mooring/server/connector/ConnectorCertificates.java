package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.pki.CertificateSigningRequest;
import io.mooring.server.pki.InvalidCsrException;
import io.mooring.server.pki.IssuedCertificate;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Issues a connector its certificate, for pairing and renewal alike: signs the CSR's key with the connectors CA,
 * records the certificate as the registration's current one, forgets cached records of the connector, and answers
 * with everything the connector needs to dial in. Runs in the caller's transaction.
 */
@Component
class ConnectorCertificates {
    private final ConnectorStore store;
    private final ConnectorTrust trust;
    private final ConnectorIdentities identities;
    private final ConnectorTunnelAddress tunnel;

    ConnectorCertificates(
            ConnectorStore store, ConnectorTrust trust, ConnectorIdentities identities, ConnectorTunnelAddress tunnel) {
        this.store = requireNonNull(store, "store");
        this.trust = requireNonNull(trust, "trust");
        this.identities = requireNonNull(identities, "identities");
        this.tunnel = requireNonNull(tunnel, "tunnel");
    }

    Issued issue(ConnectorRegistration registration, CertificateSigningRequest csr, Instant now) {
        IssuedCertificate certificate = trust.issueClientCertificate(csr, registration);
        store.insertCertificate(
                registration.id(),
                certificate.serialNumberHex(),
                ConnectorCertificate.fingerprintOf(certificate.certificate()),
                now,
                certificate.notAfter());
        identities.evict(registration.id());
        return new Issued(
                certificate.serialNumberHex(),
                new Paired(
                        registration.id(),
                        registration.subaccountId(),
                        registration.locationId(),
                        certificate.certificatePem(),
                        trust.caCertificatePem(),
                        certificate.notAfter(),
                        tunnel.host(),
                        tunnel.port()));
    }

    /** Parses the CSR of a pairing or renewal, or refuses it with what to fix. */
    static CertificateSigningRequest csr(@Nullable String pem) {
        if (pem == null || pem.isBlank()) {
            throw MooringProblem.invalidInput(
                    "Field 'csr' is required: the PEM of a certificate signing request for the connector's key.");
        }
        try {
            return CertificateSigningRequest.parsePem(pem);
        } catch (InvalidCsrException e) {
            throw MooringProblem.of(ProblemType.INVALID_CSR, e.getMessage());
        }
    }

    /** A certificate just issued: its serial, for the audit log, and the answer for the connector. */
    record Issued(String serial, Paired answer) {}
}
