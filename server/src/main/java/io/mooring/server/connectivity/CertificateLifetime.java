package io.mooring.server.connectivity;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A tunnel connection lives no longer than the certificate it was opened with. TLS checks a certificate only in the
 * handshake, so without this a connection made the day before the certificate expired would go on serving after it,
 * for as long as the connector kept it up, even when its renewals kept failing. At the expiry Mooring closes the
 * connection the way it closes any: GOAWAY, then up to 10 s for the streams under way. A connector that renewed in
 * time has replaced the connection long before (it renews when a third of the lifetime is left).
 */
final class CertificateLifetime {
    private static final Logger LOG = System.getLogger(CertificateLifetime.class.getName());

    private CertificateLifetime() {}

    /**
     * Closes {@code connection} when {@code certificate} expires, by the real clock as TLS reads it; nothing is left
     * scheduled once the connection has closed.
     */
    static void limit(Channel connection, X509Certificate certificate) {
        Duration left =
                Duration.between(Instant.now(), certificate.getNotAfter().toInstant());
        ScheduledFuture<?> expiry = connection
                .eventLoop()
                .schedule(() -> expired(connection, certificate), Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        connection.closeFuture().addListener(closed -> expiry.cancel(false));
    }

    private static void expired(Channel connection, X509Certificate certificate) {
        if (!connection.isActive()) {
            return;
        }
        LOG.log(
                Level.WARNING,
                "The certificate of the tunnel connection from {0} (serial {1}) expired at {2}; closing the connection",
                connection.remoteAddress(),
                certificate.getSerialNumber().toString(16),
                certificate.getNotAfter().toInstant());
        connection.close();
    }
}
