package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the tunnel endpoint which connector presented a client certificate, on every handshake: the certificate must
 * be one Mooring issued and recorded (same serial, same bytes), of a registration that still exists, and not expired.
 * A superseded certificate still counts until it expires, so that a renewing connector's open tunnel stays up.
 *
 * <p>Records are cached by serial. A change evicts its entries at once and again after its commit (a reader between
 * the two would otherwise cache the old row); entries also expire after a short time, which bounds how stale another
 * replica's copy can be. Expiry is checked against the clock on each call, never cached.
 */
@Component
public class ConnectorIdentities {
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private final ConnectorStore store;
    private final Clock clock;
    private final Cache<String, Optional<ConnectorCertificate>> certificates = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(TIME_TO_LIVE)
            .build();

    ConnectorIdentities(ConnectorStore store, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The connector that holds this certificate, or empty when the certificate is unknown, belongs to a deleted
     * registration or has expired. The caller has already checked that the certificate chains to
     * {@link ConnectorTrust#caCertificate()} and that the peer holds its key (the TLS handshake does both).
     */
    public Optional<ConnectorIdentity> identify(X509Certificate peerCertificate) {
        requireNonNull(peerCertificate, "peerCertificate");
        String serial = peerCertificate.getSerialNumber().toString(16);
        return certificates
                .get(serial, store::certificate)
                .filter(certificate -> certificate.isOf(peerCertificate))
                .filter(certificate -> !certificate.expiredAt(clock.instant()))
                .map(ConnectorCertificate::identity);
    }

    /** Forgets what is cached about the connector's certificates; call in the transaction that changes them. */
    void evict(UUID connectorId) {
        Runnable eviction = () -> certificates
                .asMap()
                .values()
                .removeIf(entry ->
                        entry.map(c -> c.connectorId().equals(connectorId)).orElse(false));
        eviction.run();
        afterCompletion(eviction);
    }

    private static void afterCompletion(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }
}
