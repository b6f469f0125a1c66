package io.mooring.server.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.ForeignCertificates;
import io.netty.channel.embedded.EmbeddedChannel;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tunnel connection is closed when the certificate it was opened with expires, and not before. */
class CertificateLifetimeTest {
    private static final Duration VALIDITY = Duration.ofDays(10);
    private static KeyPair key;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        key = generator.generateKeyPair();
    }

    private static X509Certificate validFor(Duration validity) throws Exception {
        return ForeignCertificates.selfSigned(key, BigInteger.TEN, Instant.now().plus(validity));
    }

    private static EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        return channel;
    }

    @Test
    void aConnectionShouldStayOpenUntilItsCertificateExpiresAndThenClose() throws Exception {
        EmbeddedChannel connection = connection();
        CertificateLifetime.limit(connection, validFor(VALIDITY));

        connection.advanceTimeBy(VALIDITY.minusMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
        connection.runScheduledPendingTasks();
        assertThat(connection.isActive()).as("a minute before the expiry").isTrue();

        connection.advanceTimeBy(2, TimeUnit.MINUTES);
        connection.runScheduledPendingTasks();
        assertThat(connection.isActive()).as("a minute after it").isFalse();
    }

    @Test
    void aConnectionWithAnExpiredCertificateShouldCloseAtOnce() throws Exception {
        EmbeddedChannel connection = connection();
        CertificateLifetime.limit(connection, validFor(Duration.ofSeconds(-1)));

        connection.runScheduledPendingTasks();
        assertThat(connection.isActive()).isFalse();
    }

    @Test
    void aConnectionClosedBeforeItsCertificateExpiresShouldLeaveNothingScheduled() throws Exception {
        EmbeddedChannel connection = connection();
        CertificateLifetime.limit(connection, validFor(VALIDITY));
        assertThat(connection.runScheduledPendingTasks())
                .as("nanoseconds until the expiry is due")
                .isPositive();

        connection.close();

        assertThat(connection.runScheduledPendingTasks())
                .as("no task left to keep the closed connection for ten days")
                .isEqualTo(-1);
    }
}
