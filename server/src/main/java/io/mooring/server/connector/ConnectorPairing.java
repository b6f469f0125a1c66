package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditEvent;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.pki.CertificateSigningRequest;
import io.mooring.server.platform.crypto.Secrets;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pairs a connector with its registration: the connector presents the one-time token and a CSR, the token is
 * redeemed by one guarded UPDATE in the transaction that records the certificate, and the connector receives a
 * certificate of the connectors CA. Certificates it held before are superseded: they keep working until they expire,
 * but can no longer be renewed.
 */
@Service
class ConnectorPairing {
    private final ConnectorStore store;
    private final ConnectorCertificates certificates;
    private final AuditLog auditLog;
    private final Clock clock;

    ConnectorPairing(ConnectorStore store, ConnectorCertificates certificates, AuditLog auditLog, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.certificates = requireNonNull(certificates, "certificates");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional
    Paired pair(ConnectorRequests.Pairing request) {
        String token = token(request.token());
        CertificateSigningRequest csr = ConnectorCertificates.csr(request.csr());
        Instant now = clock.instant();
        String hash = Secrets.hash(token);
        ConnectorRegistration found = store.registrationByTokenHash(hash).orElseThrow(ConnectorPairing::unknownToken);
        ConnectorRegistration registration = store.lock(found.id()).orElseThrow(ConnectorPairing::unknownToken);
        if (!store.redeemToken(registration.id(), hash, now)) {
            ConnectorRegistration current =
                    store.registrationByTokenHash(hash).orElseThrow(ConnectorPairing::unknownToken);
            throw refusal(current.tokenRefusalAt(now));
        }
        store.supersedeCertificates(registration.id(), now);
        ConnectorCertificates.Issued issued = certificates.issue(registration, csr, now);
        auditLog.recorded(
                registration.globalAccountId(),
                actor(registration),
                "connector.pair",
                "connector",
                registration.id(),
                AuditEvent.Outcome.SUCCESS,
                "location " + registration.locationName() + ", certificate " + issued.serial());
        return issued.answer();
    }

    static String actor(ConnectorRegistration registration) {
        return "connector:" + registration.id();
    }

    private static String token(@Nullable String value) {
        String token = Inputs.required(value, "token", 256);
        if (!ConnectorTokens.isWellFormed(token)) {
            throw MooringProblem.of(
                    ProblemType.TOKEN_MALFORMED,
                    "This is not a connector pairing token: they start with '" + ConnectorTokens.PREFIX
                            + "' followed by 43 characters. Copy the whole token from the connector's entry in "
                            + "Mooring.");
        }
        return token;
    }

    private static MooringProblem unknownToken() {
        return MooringProblem.of(
                ProblemType.TOKEN_UNKNOWN,
                "This pairing token is not known; a newer token may have replaced it. Copy it again from the "
                        + "connector's entry in Mooring, or issue a new token there.");
    }

    private static MooringProblem refusal(ConnectorRegistration.TokenRefusal refusal) {
        return switch (refusal) {
            case USED ->
                MooringProblem.of(
                        ProblemType.TOKEN_USED,
                        "This pairing token was already used; a token pairs a connector once. To pair again, "
                                + "issue a new token for the connector in Mooring.");
            case EXPIRED ->
                MooringProblem.of(
                        ProblemType.TOKEN_EXPIRED,
                        "This pairing token has expired; issue a new token for the connector in Mooring and use "
                                + "it within its validity.");
            case NONE -> MooringProblem.of(ProblemType.CONFLICT, "The token changed while it was redeemed; retry.");
        };
    }
}
