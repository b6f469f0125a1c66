package io.mooring.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.ForeignCertificates;
import io.mooring.server.testing.MutableClock;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the tunnel endpoint is told on each handshake, with time moved instead of waited for. */
class ConnectorIdentitiesTest {
    private final MutableClock clock = new MutableClock();
    private final RecordedCertificates store = new RecordedCertificates();
    private final ConnectorIdentities identities = new ConnectorIdentities(store, clock);
    private X509Certificate certificate;
    private ConnectorCertificate recorded;

    @BeforeEach
    void issue() throws Exception {
        certificate = ForeignCertificates.selfSigned(ConnectorKeys.newKey(), BigInteger.valueOf(0xC0FFEE));
        recorded = record(certificate, clock.instant().plus(Duration.ofDays(30)), null);
    }

    @Test
    void identifyShouldNameTheConnectorOfARecordedCertificate() {
        assertThat(identities.identify(certificate)).hasValue(recorded.identity());
    }

    @Test
    void identifyShouldAcceptASupersededCertificateUntilItExpires() {
        record(certificate, recorded.notAfter(), clock.instant());

        assertThat(identities.identify(certificate)).isPresent();
        clock.advance(Duration.ofDays(30));
        assertThat(identities.identify(certificate)).isEmpty();
    }

    @Test
    void identifyShouldRefuseACertificateOnceItExpiresEvenWhenCached() {
        assertThat(identities.identify(certificate)).isPresent();

        clock.advance(Duration.ofDays(30));

        assertThat(identities.identify(certificate)).isEmpty();
    }

    @Test
    void identifyShouldRefuseUnknownSerialsAndOtherBytesUnderAKnownSerial() throws Exception {
        X509Certificate unknown = ForeignCertificates.selfSigned(ConnectorKeys.newKey(), BigInteger.TWO);
        X509Certificate sameSerial =
                ForeignCertificates.selfSigned(ConnectorKeys.newKey(), certificate.getSerialNumber());

        assertThat(identities.identify(unknown)).isEmpty();
        assertThat(identities.identify(sameSerial)).isEmpty();
    }

    @Test
    void identifyShouldAskTheStoreOnceUntilTheConnectorChanges() {
        identities.identify(certificate);
        identities.identify(certificate);
        assertThat(store.loads.get()).isEqualTo(1);

        store.rows.clear();
        identities.evict(recorded.connectorId());

        assertThat(identities.identify(certificate)).as("deleted registration").isEmpty();
        assertThat(store.loads.get()).isEqualTo(2);
    }

    private ConnectorCertificate record(X509Certificate issued, Instant notAfter, Instant supersededAt) {
        String serial = issued.getSerialNumber().toString(16);
        ConnectorCertificate row = new ConnectorCertificate(
                serial,
                ConnectorCertificate.fingerprintOf(issued),
                recorded == null ? UUID.randomUUID() : recorded.connectorId(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "plant-1",
                notAfter,
                supersededAt);
        store.rows.put(serial, row);
        identities.evict(row.connectorId());
        return row;
    }

    /** The certificates table alone, without a database; counts its lookups. */
    private static final class RecordedCertificates extends ConnectorStore {
        final Map<String, ConnectorCertificate> rows = new HashMap<>();
        final AtomicInteger loads = new AtomicInteger();

        RecordedCertificates() {
            super(DSL.using(SQLDialect.H2));
        }

        @Override
        Optional<ConnectorCertificate> certificate(String serial) {
            loads.incrementAndGet();
            return Optional.ofNullable(rows.get(serial));
        }
    }
}
