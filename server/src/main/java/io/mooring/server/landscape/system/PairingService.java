package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.SystemClients;
import io.mooring.server.audit.AuditEvent;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.pki.CertificateSigningRequest;
import io.mooring.server.pki.InvalidCsrException;
import io.mooring.server.pki.IssuedCertificate;
import io.mooring.server.pki.SystemCertificates;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.crypto.Secrets;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pairs an external system with Mooring: the system presents its integration token and its own data, the token is
 * redeemed by one guarded UPDATE, and the system receives credentials and becomes Registered — or, when its data
 * conflicts with the landscape, Error with the reason. Input that is malformed changes nothing.
 */
@Service
public class PairingService {
    private final SystemStore store;
    private final SystemClients systemClients;
    private final SystemCertificates certificates;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration certificateValidity;

    PairingService(
            SystemStore store,
            SystemClients systemClients,
            SystemCertificates certificates,
            AuditLog auditLog,
            Clock clock,
            MooringProperties properties) {
        this.store = requireNonNull(store, "store");
        this.systemClients = requireNonNull(systemClients, "systemClients");
        this.certificates = requireNonNull(certificates, "certificates");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.clock = requireNonNull(clock, "clock");
        this.certificateValidity = properties.pairing().certificateValidity();
    }

    @Transactional(noRollbackFor = PairingFailure.class)
    public Paired pair(SystemRequests.Pairing request) {
        PairingInput input = PairingInput.of(request);
        Instant now = clock.instant();
        IntegrationToken token = store.tokenByHash(Secrets.hash(input.token()))
                .orElseThrow(() -> MooringProblem.of(
                        ProblemType.TOKEN_UNKNOWN,
                        "This integration token is not known; "
                                + "copy it again from the system's entry in Mooring, or display a new token there."));
        LandscapeSystem system = store.lockWithoutLabels(token.systemId()).orElseThrow(() -> unknownToken());
        if (!store.redeem(token.id(), now)) {
            IntegrationToken current = store.tokenByHash(token.tokenHash()).orElseThrow(() -> unknownToken());
            throw refusal(current.refusalAt(now));
        }
        if (!store.claimNumber(system.globalAccountId(), input.systemNumber(), system.id())) {
            String holder = store.holderOfNumber(system.globalAccountId(), input.systemNumber())
                    .flatMap(id -> store.find(system.globalAccountId(), id))
                    .map(LandscapeSystem::name)
                    .orElse("another system");
            String reason = "System number " + input.systemNumber() + " is already registered as '" + holder
                    + "'; deregister that system or pair this one from another system.";
            fail(system, input, reason, now);
            throw new PairingFailure(MooringProblem.of(ProblemType.PAIRING_FAILED, reason)
                    .with("systemId", system.id())
                    .with("status", SystemStatus.ERROR));
        }
        return register(system, input, now);
    }

    private Paired register(LandscapeSystem system, PairingInput input, Instant now) {
        if (system.systemNumber() != null && !system.systemNumber().equals(input.systemNumber())) {
            store.releaseNumbersExcept(system.id(), input.systemNumber()); // discovered under another number
        }
        Credentials credentials;
        LandscapeSystem.CredentialType type;
        String serial = null;
        Instant certificateExpiry = null;
        if (input.csr() != null) {
            IssuedCertificate certificate = certificates.issue(
                    input.csr(),
                    system.id().toString(),
                    system.globalAccountId().toString(),
                    certificateValidity);
            credentials = new Credentials(
                    LandscapeSystem.CredentialType.CLIENT_CERTIFICATE,
                    null,
                    null,
                    certificate.certificatePem(),
                    certificates.caCertificatePem());
            type = LandscapeSystem.CredentialType.CLIENT_CERTIFICATE;
            serial = certificate.serialNumberHex();
            certificateExpiry = certificate.notAfter();
        } else {
            SystemClients.IssuedClient client =
                    systemClients.issue(system.globalAccountId(), system.id(), system.name());
            credentials = new Credentials(
                    LandscapeSystem.CredentialType.CLIENT_CREDENTIALS,
                    client.clientId(),
                    client.clientSecret(),
                    null,
                    null);
            type = LandscapeSystem.CredentialType.CLIENT_CREDENTIALS;
        }
        LandscapeSystem registered =
                withPairing(system, input, SystemStatus.REGISTERED, null, now, type, serial, certificateExpiry);
        store.update(registered, system.version());
        auditLog.recorded(
                system.globalAccountId(),
                actor(input),
                "system.pair",
                "system",
                system.id(),
                AuditEvent.Outcome.SUCCESS,
                "registered with " + type);
        return new Paired(system.id(), registered.name(), registered.status(), credentials);
    }

    private void fail(LandscapeSystem system, PairingInput input, String reason, Instant now) {
        store.update(withPairing(system, input, SystemStatus.ERROR, reason, now, null, null, null), system.version());
        auditLog.recorded(
                system.globalAccountId(),
                actor(input),
                "system.pair",
                "system",
                system.id(),
                AuditEvent.Outcome.FAILURE,
                reason);
    }

    private static LandscapeSystem withPairing(
            LandscapeSystem s,
            PairingInput input,
            SystemStatus status,
            @Nullable String reason,
            Instant now,
            LandscapeSystem.@Nullable CredentialType type,
            @Nullable String serial,
            @Nullable Instant certificateExpiry) {
        boolean registered = status == SystemStatus.REGISTERED;
        return new LandscapeSystem(
                s.id(),
                s.globalAccountId(),
                s.name(),
                s.type(),
                s.description(),
                s.communicationScenarioGroup(),
                status,
                reason,
                registered ? input.systemNumber() : s.systemNumber(),
                input.baseUrl(),
                input.notificationUrl(),
                s.discovered(),
                type,
                serial,
                certificateExpiry,
                s.labels(),
                s.createdAt(),
                now,
                registered ? now : s.registeredAt(),
                s.version() + 1);
    }

    private static String actor(PairingInput input) {
        return "system:" + input.systemNumber();
    }

    private static MooringProblem unknownToken() {
        return MooringProblem.of(
                ProblemType.TOKEN_UNKNOWN,
                "This integration token is not known; display a new " + "token for the system in Mooring.");
    }

    private static MooringProblem refusal(IntegrationToken.Refusal refusal) {
        return switch (refusal) {
            case USED ->
                MooringProblem.of(
                        ProblemType.TOKEN_USED,
                        "This integration token was already used; a token "
                                + "pairs one system once. If the system is not Registered, display a new token for it in Mooring.");
            case SUPERSEDED ->
                MooringProblem.of(
                        ProblemType.TOKEN_SUPERSEDED,
                        "A newer integration token was "
                                + "displayed for this system, which replaced this one; use the newest token.");
            case EXPIRED ->
                MooringProblem.of(
                        ProblemType.TOKEN_EXPIRED,
                        "This integration token has expired; "
                                + "display a new token for the system in Mooring and use it within its validity.");
            case NONE -> MooringProblem.of(ProblemType.CONFLICT, "The token changed while it was redeemed; retry.");
        };
    }

    /** The checked input of a pairing, validated before anything is read or written. */
    private record PairingInput(
            String token,
            String systemNumber,
            String baseUrl,
            @Nullable String notificationUrl,
            @Nullable CertificateSigningRequest csr) {
        static PairingInput of(SystemRequests.Pairing request) {
            String token = Inputs.required(request.token(), "token", 256);
            if (!IntegrationTokens.isWellFormed(token)) {
                throw MooringProblem.of(
                        ProblemType.TOKEN_MALFORMED,
                        "This is not an integration token: they start " + "with '" + IntegrationTokens.PREFIX
                                + "' followed by 43 characters. Copy the whole token.");
            }
            String systemNumber =
                    Inputs.printableAscii(Inputs.required(request.systemNumber(), "systemNumber", 128), "systemNumber");
            String baseUrl = Inputs.httpUrl(Inputs.required(request.baseUrl(), "baseUrl", 2048), "baseUrl");
            CertificateSigningRequest csr = null;
            if (request.csr() != null && !request.csr().isBlank()) {
                try {
                    csr = CertificateSigningRequest.parsePem(request.csr());
                } catch (InvalidCsrException e) {
                    throw MooringProblem.of(ProblemType.INVALID_CSR, e.getMessage());
                }
            }
            return new PairingInput(
                    token,
                    systemNumber,
                    requireNonNull(baseUrl),
                    Inputs.httpUrl(request.notificationUrl(), "notificationUrl"),
                    csr);
        }
    }

    /**
     * Credentials handed to the system once: a client certificate with Mooring's CA, or a client id and secret
     * for {@code POST /oauth/token}.
     */
    public record Credentials(
            LandscapeSystem.CredentialType type,
            @Nullable String clientId,
            @Nullable String clientSecret,
            @Nullable String certificate,
            @Nullable String caCertificate) {}

    /** The outcome of a successful pairing. */
    public record Paired(java.util.UUID systemId, String name, SystemStatus status, Credentials credentials) {}

    /** A pairing that failed after its token was redeemed; the Error status it recorded is committed. */
    static final class PairingFailure extends RuntimeException {
        private final MooringProblem problem;

        PairingFailure(MooringProblem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        MooringProblem problem() {
            return problem;
        }
    }
}
