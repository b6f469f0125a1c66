package io.mooring.server.connector;

import io.mooring.tunnel.ConnectorReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A connector registration as the API shows it: never its token, only when the newest token expires and whether it
 * was used; its current certificate; and its live session as the tunnel endpoint knows it.
 */
record ConnectorView(
        UUID id,
        UUID subaccountId,
        String locationId,
        @Nullable String description,
        Instant createdAt,
        String createdBy,
        ConnectorStatus status,
        Instant tokenExpiresAt,
        boolean tokenUsed,
        @Nullable CertificateView certificate,
        LiveView live) {

    static ConnectorView of(
            ConnectorRegistration registration, Optional<LiveConnectors.Presence> presence, Instant now) {
        CertificateView certificate = registration.certificateSerial() == null
                ? null
                : new CertificateView(registration.certificateSerial(), registration.certificateNotAfter());
        return new ConnectorView(
                registration.id(),
                registration.subaccountId(),
                registration.locationId(),
                registration.description(),
                registration.createdAt(),
                registration.createdBy(),
                status(certificate, presence.isPresent(), now),
                registration.tokenExpiresAt(),
                registration.tokenUsedAt() != null,
                certificate,
                presence.map(LiveView::of).orElse(LiveView.DISCONNECTED));
    }

    private static ConnectorStatus status(@Nullable CertificateView certificate, boolean connected, Instant now) {
        if (connected) {
            return ConnectorStatus.CONNECTED;
        }
        if (certificate == null) {
            return ConnectorStatus.NOT_PAIRED;
        }
        return now.isBefore(certificate.expiresAt())
                ? ConnectorStatus.DISCONNECTED
                : ConnectorStatus.CERTIFICATE_EXPIRED;
    }

    /** The registration's current certificate. */
    record CertificateView(String serial, Instant expiresAt) {}

    /** The connector's tunnel session; all but {@code connected} are null while it has none. */
    record LiveView(
            boolean connected,
            @Nullable String sessionId,
            @Nullable Instant connectedSince,
            int connections,
            @Nullable String remoteAddress,
            @Nullable String connectorVersion,
            ConnectorReport.@Nullable Health health,
            @Nullable List<ConnectorReport.VirtualHost> virtualHosts,
            @Nullable List<ConnectorReport.Unreachable> unreachable,
            @Nullable Instant reportedAt) {
        static final LiveView DISCONNECTED = new LiveView(false, null, null, 0, null, null, null, null, null, null);

        static LiveView of(LiveConnectors.Presence presence) {
            ConnectorReport report = presence.report();
            return new LiveView(
                    true,
                    presence.sessionId(),
                    presence.connectedSince(),
                    presence.connections(),
                    presence.remoteAddress(),
                    presence.connectorVersion(),
                    report == null ? null : report.health(),
                    report == null ? null : report.virtualHosts(),
                    report == null ? null : report.unreachable(),
                    report == null ? null : report.reportedAt());
        }
    }
}
