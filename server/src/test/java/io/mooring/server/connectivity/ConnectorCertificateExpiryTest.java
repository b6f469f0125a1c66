package io.mooring.server.connectivity;

import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_HOST;
import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_PORT;
import static io.mooring.server.testing.OnPremiseLandscape.subPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.server.testing.OnH2;
import io.mooring.server.testing.OnPremiseLandscape;
import io.mooring.server.testing.ProxyClient;
import io.mooring.server.testing.ServerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/**
 * A tunnel lives no longer than the certificate it was opened with, even while the connector keeps it up: here the
 * certificates last 40 s (time enough to pair and connect on a busy machine) and the connector does not renew in
 * time.
 */
@OnH2
@TestPropertySource(properties = "mooring.connectivity.connector-certificate-validity=40s")
class ConnectorCertificateExpiryTest extends ServerTest {
    private static final String TARGET = "http://" + VIRTUAL_HOST + ":" + VIRTUAL_PORT;

    @TempDir
    Path connectorData;

    private Duration movedBy;

    /**
     * Certificates are dated and checked by TLS with the real clock, and Mooring also checks their expiry with its own,
     * which other tests move forward by minutes or days: this test's 40 s need the two to agree.
     */
    @BeforeEach
    void realTime() {
        movedBy = clock().offset();
        clock().advance(movedBy.negated());
    }

    @AfterEach
    void timeAsOtherTestsLeftIt() {
        clock().advance(movedBy);
    }

    @Test
    void aTunnelShouldCloseWhenItsCertificateExpiresAndNotOpenAgainWithIt() {
        try (OnPremiseLandscape landscape =
                OnPremiseLandscape.start(api, connectorData, "", List.of(subPaths("/sap")))) {
            Instant expiresAt = Instant.parse(
                    landscape.view().path("certificate").path("expiresAt").asString());
            assertThat(send(landscape).status()).isEqualTo(200);

            await().atMost(Duration.between(Instant.now(), expiresAt).plusSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            !landscape.view().path("live").path("connected").asBoolean());

            // notAfter has whole seconds: the connection may close up to a second before the instant the API gave.
            assertThat(Instant.now()).as("closed at the expiry, not before").isAfter(expiresAt.minusSeconds(1));
            assertThat(send(landscape).status()).as("no connector any more").isEqualTo(502);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(String.valueOf(
                                    ((Map<?, ?>) landscape.connector().status().get("tunnel")).get("lastError")))
                            .as("the connector dials again, is refused, and says why")
                            .startsWith("this connector's certificate expired at " + expiresAt)
                            .contains("pair the connector again"));
        }
    }

    private static ProxyClient.Response send(OnPremiseLandscape landscape) {
        try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
            return client.send("GET " + TARGET + "/sap/x HTTP/1.1", landscape.proxyAuthorization());
        }
    }
}
