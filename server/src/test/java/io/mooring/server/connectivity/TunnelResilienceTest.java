package io.mooring.server.connectivity;

import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_HOST;
import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_PORT;
import static io.mooring.server.testing.OnPremiseLandscape.subPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.connector.Connector;
import io.mooring.connector.identity.ConnectorCredentials;
import io.mooring.server.testing.ForeignCertificates;
import io.mooring.server.testing.OnH2;
import io.mooring.server.testing.OnPremiseLandscape;
import io.mooring.server.testing.ProxyClient;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.SilenceableRelay;
import io.mooring.server.testing.TlsContexts;
import io.mooring.tunnel.Transports;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The tunnel under stress: a connection cut in the middle of a request, a connector process replaced by a newer
 * one, bodies far larger than any buffer, and what Mooring shows of the connector meanwhile.
 */
@OnH2
class TunnelResilienceTest extends ServerTest {
    private static final String TARGET = "http://" + VIRTUAL_HOST + ":" + VIRTUAL_PORT;
    private static final long HUNDRED_MEGABYTES = 100L * 1024 * 1024;
    private static final int HELD_REQUESTS = 4;

    /** Windows of 4 MiB per stream and 16 MiB per connection, plus socket buffers: far below the 100 MB moved. */
    private static final long DIRECT_MEMORY_BOUND = 40L * 1024 * 1024;

    @TempDir
    Path connectorData;

    OnPremiseLandscape landscape;

    @BeforeEach
    void startLandscape() {
        landscape = OnPremiseLandscape.start(api, connectorData, "", List.of(subPaths("/sap")));
    }

    @AfterEach
    void stopLandscape() {
        landscape.close();
    }

    @Test
    void anIdleTunnelShouldBeKeptByPingsInsteadOfBeingDialledAgain() throws Exception {
        JsonNode before = landscape.view().path("live");
        assertThat(before.path("connected").asBoolean()).isTrue();

        // Longer than either end waits for a sign of life: only Mooring's pings keep the connection.
        Thread.sleep(TunnelProtocol.IDLE_TIMEOUT.plusSeconds(5).toMillis());

        JsonNode after = landscape.view().path("live");
        assertThat(after.path("connected").asBoolean()).isTrue();
        assertThat(after.path("connectedSince")).isEqualTo(before.path("connectedSince"));
        assertThat(after.path("remoteAddress"))
                .as("the same connection, from the same port")
                .isEqualTo(before.path("remoteAddress"));
    }

    @Test
    void aTunnelThatFallsSilentShouldBeGivenUpByBothEndsWithinTheIdleLimitAndDialledAgain() throws Exception {
        try (SilenceableRelay relay = SilenceableRelay.to(landscape.tunnelPort())) {
            landscape.dialTunnelAt(relay.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.carrying() == 2);
            landscape.awaitConnected();
            CompletableFuture<ProxyClient.Response> pending = CompletableFuture.supplyAsync(() -> {
                try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                    return client.send("GET " + TARGET + "/sap/held HTTP/1.1", landscape.proxyAuthorization());
                }
            });
            assertThat(landscape.backEnd.awaitHeldRequest(10)).isTrue();

            // A path that drops everything while both sockets stay open: no reset, no FIN reaches either end.
            long silencedAt = System.nanoTime();
            assertThat(relay.silence()).isEqualTo(2);

            Duration limit = TunnelProtocol.IDLE_TIMEOUT.plusSeconds(5);
            ProxyClient.Response cut = pending.get(limit.toSeconds(), TimeUnit.SECONDS);
            assertThat(cut.status()).as("the request under way").isEqualTo(502);
            await().atMost(limit.minusNanos(System.nanoTime() - silencedAt))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        assertThat(relay.silentClosedByTarget())
                                .as("closed by Mooring")
                                .isEqualTo(2);
                        assertThat(relay.silentClosedByClient())
                                .as("closed by the connector, which heard nothing of Mooring's close")
                                .isEqualTo(2);
                    });
            // The relay passed nothing after the silence, not even a close: each end closed on its own idle timeout.
            // (The connector's status says "Mooring was silent" only until it has dialled again, which may be at once.)
            landscape.backEnd.releaseHeldRequests();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(relay.carrying()).as("dialled again").isEqualTo(2);
                try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                    assertThat(client.send("GET " + TARGET + "/sap/again HTTP/1.1", landscape.proxyAuthorization())
                                    .status())
                            .isEqualTo(200);
                }
            });
        }
    }

    @Test
    void aTunnelCutMidRequestShouldGive502AndTheConnectorShouldComeBackByItself() throws Exception {
        CompletableFuture<ProxyClient.Response> pending = CompletableFuture.supplyAsync(() -> {
            try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                return client.send("GET " + TARGET + "/sap/held HTTP/1.1", landscape.proxyAuthorization());
            }
        });
        assertThat(landscape.backEnd.awaitHeldRequest(10)).isTrue();

        landscape.connector().dropTunnel();

        ProxyClient.Response cut = pending.get(10, TimeUnit.SECONDS);
        assertThat(cut.status()).isEqualTo(502);
        assertThat(cut.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(cut.body()).contains("Retry the request");
        landscape.backEnd.releaseHeldRequests();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                ProxyClient.Response again =
                        client.send("GET " + TARGET + "/sap/again HTTP/1.1", landscape.proxyAuthorization());
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.body()).isEqualTo("hello from /sap/again");
            }
        });
    }

    @Test
    void aStoppingConnectorShouldFinishTheRequestsUnderWayAndTakeNoNewOnes() throws Exception {
        // Requests held on several application connections, so that every tunnel connection carries one of them.
        ExecutorService clients = Executors.newFixedThreadPool(HELD_REQUESTS + 1);
        List<Future<ProxyClient.Response>> pending = new ArrayList<>();
        for (int i = 0; i < HELD_REQUESTS; i++) {
            pending.add(clients.submit(() -> {
                try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                    return client.send("GET " + TARGET + "/sap/held HTTP/1.1", landscape.proxyAuthorization());
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> landscape.backEnd.requests().size() == HELD_REQUESTS);

        Future<?> stopped = clients.submit(() -> landscape.connector().close());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                ProxyClient.Response refused =
                        client.send("GET " + TARGET + "/sap/new HTTP/1.1", landscape.proxyAuthorization());
                assertThat(refused.status()).as("a new request while it drains").isEqualTo(502);
            }
        });
        assertThat(pending).as("the requests under way, still held").noneMatch(Future::isDone);
        assertThat(stopped.isDone()).as("the connector waits for them").isFalse();

        landscape.backEnd.releaseHeldRequests();
        for (Future<ProxyClient.Response> request : pending) {
            ProxyClient.Response finished = request.get(10, TimeUnit.SECONDS);
            assertThat(finished.status()).isEqualTo(200);
            assertThat(finished.body()).isEqualTo("released");
        }
        stopped.get(10, TimeUnit.SECONDS);
        clients.shutdown();
    }

    @Test
    void aRenewedCertificateShouldReplaceTheTunnelsConnectionsWithoutCuttingARequestUnderWay() throws Exception {
        JsonNode before = landscape.view();
        ExecutorService clients = Executors.newFixedThreadPool(1);
        try (ProxyClient keptAlive = new ProxyClient(landscape.proxyPort())) {
            assertThat(keptAlive
                            .send("GET " + TARGET + "/sap/before HTTP/1.1", landscape.proxyAuthorization())
                            .status())
                    .as("a lane on a connection made with the old certificate")
                    .isEqualTo(200);
            Future<ProxyClient.Response> held = clients.submit(() -> {
                try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                    return client.send("GET " + TARGET + "/sap/held HTTP/1.1", landscape.proxyAuthorization());
                }
            });
            assertThat(landscape.backEnd.awaitHeldRequest(10)).isTrue();

            landscape.connector().renew();

            assertThat(landscape.view().path("certificate").path("serial").asString())
                    .as("Mooring knows the new certificate")
                    .isNotEqualTo(before.path("certificate").path("serial").asString())
                    .isEqualTo(certificateSerial(landscape.connector()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode live = landscape.view().path("live");
                assertThat(live.path("connections").asInt()).isEqualTo(2);
                assertThat(live.path("connectedSince"))
                        .as("every connection dialled again, with the new certificate")
                        .isNotEqualTo(before.path("live").path("connectedSince"));
                assertThat(live.path("sessionId")).isEqualTo(before.path("live").path("sessionId"));
                assertThat(tunnel(landscape.connector()))
                        .as("the replaced connection that carries the held request drains; the other one is gone")
                        .containsEntry("connections", 2)
                        .containsEntry("draining", 1);
            });
            assertThat(keptAlive
                            .send("GET " + TARGET + "/sap/after HTTP/1.1", landscape.proxyAuthorization())
                            .status())
                    .as("the kept-alive connection's next request, on a lane of a new connection")
                    .isEqualTo(200);

            // Longer than HTTP/2's graceful close waits: the replaced connection waits for its last stream instead.
            Thread.sleep(12_000);
            assertThat(held.isDone()).as("the request under way, still held").isFalse();
            landscape.backEnd.releaseHeldRequests();
            ProxyClient.Response finished = held.get(10, TimeUnit.SECONDS);
            assertThat(finished.status()).isEqualTo(200);
            assertThat(finished.body()).isEqualTo("released");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(tunnel(landscape.connector()))
                            .as("the replaced connection closes after its last stream")
                            .containsEntry("draining", 0));
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void theTunnelPortShouldAdmitOnlyAConnectorsCertificateOverTls13() throws Exception {
        ConnectorCredentials own =
                ConnectorCredentials.load(landscape.connector().dataDir()).orElseThrow();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair forgedKey = generator.generateKeyPair();
        X509Certificate forged =
                ForeignCertificates.selfSigned(forgedKey, own.certificate().getSerialNumber());

        assertThat(tunnelAnswers(own.key(), own.certificate(), "TLSv1.3"))
                .as("the connector's own certificate")
                .isTrue();
        assertThat(tunnelAnswers(null, null, "TLSv1.3"))
                .as("no client certificate")
                .isFalse();
        assertThat(tunnelAnswers(forgedKey.getPrivate(), forged, "TLSv1.3"))
                .as("a certificate Mooring did not issue, with the connector's serial")
                .isFalse();
        assertThat(tunnelAnswers(own.key(), own.certificate(), "TLSv1.2"))
                .as("the connector's certificate over TLS 1.2")
                .isFalse();
    }

    /**
     * Whether Mooring's tunnel endpoint, after a TLS handshake with {@code protocol} in which the peer presents
     * {@code certificate} (none when null), starts HTTP/2 with it: its connection preface is then its first bytes.
     */
    private boolean tunnelAnswers(@Nullable PrivateKey key, @Nullable X509Certificate certificate, String protocol)
            throws Exception {
        ConnectorCredentials credentials =
                ConnectorCredentials.load(landscape.connector().dataDir()).orElseThrow();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (key != null && certificate != null) {
            keys.setKeyEntry("client", key, new char[0], new java.security.cert.Certificate[] {certificate});
        }
        SSLContext context = TlsContexts.of(keys, new char[0], credentials.ca());

        var pairing = landscape.connector().configuration().current().pairing();
        try (SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", pairing.tunnelPort())) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            parameters.setApplicationProtocols(new String[] {TunnelProtocol.ALPN});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            byte[] preface = socket.getInputStream().readNBytes(3);
            return new String(preface, StandardCharsets.US_ASCII).equals("PRI");
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void aNewerSessionOfTheConnectorShouldReplaceTheOldOne() throws Exception {
        String oldSession = landscape.view().path("live").path("sessionId").asString();
        Path copy = Files.createTempDirectory(connectorData, "copy-");
        copyFolder(landscape.connector().dataDir(), copy);

        try (Connector newer = Connector.start(Connector.Settings.of(copy, 0, 1, Transports.DEFAULT_BUSY_POLL))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(landscape.view().path("live").path("sessionId").asString())
                        .isNotEqualTo(oldSession)
                        .isNotEmpty();
                assertThat(tunnelState(landscape.connector())).isEqualTo("REPLACED");
            });
            try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
                assertThat(client.send("GET " + TARGET + "/sap/x HTTP/1.1", landscape.proxyAuthorization())
                                .status())
                        .isEqualTo(200);
            }
            assertThat(tunnelState(newer)).isEqualTo("CONNECTED");
        }
    }

    @Test
    void mooringShouldShowTheConnectorsSessionVirtualHostsAndHealth() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> landscape.view().path("live").path("virtualHosts").size() == 1);
        JsonNode view = landscape.view();

        assertThat(view.path("status").asString()).isEqualTo("CONNECTED");
        JsonNode live = view.path("live");
        assertThat(live.path("connected").asBoolean()).isTrue();
        assertThat(live.path("connections").asInt()).isEqualTo(2);
        assertThat(live.path("health").asString()).isEqualTo("UP");
        JsonNode host = live.path("virtualHosts").get(0);
        assertThat(host.path("host").asString()).isEqualTo(VIRTUAL_HOST);
        assertThat(host.path("port").asInt()).isEqualTo(VIRTUAL_PORT);
        assertThat(host.path("protocol").asString()).isEqualTo("HTTP");
    }

    @Test
    void aMappingChangedThroughTheConnectorsAdminApiShouldReachMooringsViewWithItsHealth() throws IOException {
        int closedPort;
        try (java.net.ServerSocket vacated = new java.net.ServerSocket(0)) {
            closedPort = vacated.getLocalPort();
        }
        HttpResponse<String> added = landscape.connectorAdmin(
                "POST",
                "/mappings",
                "{\"virtualHost\": \"crm.virtual\", \"virtualPort\": 8000, \"internalHost\": \"127.0.0.1\","
                        + " \"internalPort\": " + closedPort + ", \"protocol\": \"HTTP\","
                        + " \"resources\": [{\"path\": \"/crm\", \"subPaths\": true, \"active\": true}]}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode live = landscape.view().path("live");
            assertThat(live.path("virtualHosts").findValuesAsString("host"))
                    .containsExactlyInAnyOrder(VIRTUAL_HOST, "crm.virtual");
            assertThat(live.path("health").asString()).isEqualTo("DEGRADED");
            assertThat(live.path("unreachable")).hasSize(1);
            assertThat(live.path("unreachable").get(0).path("host").asString()).isEqualTo("crm.virtual");
            assertThat(live.path("unreachable").get(0).path("reason").asString())
                    .isNotBlank();
        });

        HttpResponse<String> removed = landscape.connectorAdmin("DELETE", "/mappings/crm.virtual:8000", null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode live = landscape.view().path("live");
            assertThat(live.path("virtualHosts").findValuesAsString("host")).containsExactly(VIRTUAL_HOST);
            assertThat(live.path("health").asString()).isEqualTo("UP");
            assertThat(live.path("unreachable")).isEmpty();
        });
    }

    @Test
    void checkConnectionOfAnOnPremiseDestinationShouldSeeTheConnectorAndItsVirtualHosts() {
        String destinations = "/api/v1/subaccounts/" + landscape.subaccountId + "/destinations";
        for (String[] destination : List.of(
                new String[] {"exposed", TARGET + "/sap"}, new String[] {"unexposed", "http://other.virtual:80/sap"})) {
            assertThat(api.post(
                                    destinations,
                                    landscape.tenant.adminToken,
                                    java.util.Map.of(
                                            "Name", destination[0],
                                            "Type", "HTTP",
                                            "URL", destination[1],
                                            "Authentication", "NoAuthentication",
                                            "ProxyType", "OnPremise"))
                            .status())
                    .isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> landscape.view().path("live").path("virtualHosts").size() == 1);

        JsonNode exposed = api.post(
                        destinations + "/exposed/connection-check", landscape.tenant.adminToken, java.util.Map.of())
                .json();
        assertThat(exposed.path("checked").asBoolean()).isTrue();
        assertThat(exposed.path("reachable").asBoolean()).as(exposed.toString()).isTrue();
        JsonNode unexposed = api.post(
                        destinations + "/unexposed/connection-check", landscape.tenant.adminToken, java.util.Map.of())
                .json();
        assertThat(unexposed.path("reachable").asBoolean()).isFalse();
        assertThat(unexposed.path("message").asString()).contains("exposes no system as other.virtual:80");
    }

    @Test
    void aRedirectToTheInternalHostShouldBeMappedBackToTheVirtualOne() {
        try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
            ProxyClient.Response response =
                    client.send("GET " + TARGET + "/sap/../redirect HTTP/1.1", landscape.proxyAuthorization());
            assertThat(response.status()).isEqualTo(403);
        }
        landscape.expose(
                List.of(subPaths("/sap"), subPaths("/redirect")), io.mooring.connector.access.PrincipalType.NONE);
        try (ProxyClient client = new ProxyClient(landscape.proxyPort())) {
            ProxyClient.Response response =
                    client.send("GET " + TARGET + "/redirect HTTP/1.1", landscape.proxyAuthorization());
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).isEqualTo(TARGET + "/target?x=1");
        }
    }

    @Test
    void a100MegabyteDownloadShouldStreamThroughWithBoundedMemoryEvenWhenTheClientPauses() throws Exception {
        long baseline = directMemory();
        AtomicLong peak = new AtomicLong(baseline);
        landscape.expose(
                List.of(subPaths("/sap"), subPaths("/download")), io.mooring.connector.access.PrincipalType.NONE);

        try (ProxyClient client = new ProxyClient(landscape.proxyPort());
                MemoryWatch watch = new MemoryWatch(peak)) {
            client.write(ProxyClient.head(
                    "GET " + TARGET + "/download?bytes=" + HUNDRED_MEGABYTES + " HTTP/1.1",
                    landscape.proxyAuthorization()));
            ProxyClient.Response response = client.readPausingAfter(30L * 1024 * 1024, Duration.ofSeconds(2));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyBytes()).isEqualTo(HUNDRED_MEGABYTES);
        }
        assertThat(peak.get() - baseline)
                .as("direct memory held beyond the baseline while 100 MB passed")
                .isLessThan(DIRECT_MEMORY_BOUND);
    }

    @Test
    void a100MegabyteUploadShouldStreamThroughWithBoundedMemory() throws Exception {
        long baseline = directMemory();
        AtomicLong peak = new AtomicLong(baseline);
        try (ProxyClient client = new ProxyClient(landscape.proxyPort());
                MemoryWatch watch = new MemoryWatch(peak)) {
            client.write(ProxyClient.head(
                    "POST " + TARGET + "/sap/../sap/upload HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "Content-Type: application/octet-stream",
                    "Content-Length: " + HUNDRED_MEGABYTES));
            byte[] block = new byte[256 * 1024];
            for (long sent = 0; sent < HUNDRED_MEGABYTES; sent += block.length) {
                client.write(block);
            }
            ProxyClient.Response response = client.read(true);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        assertThat(landscape.backEnd.requests().getLast().bodyBytes()).isEqualTo(HUNDRED_MEGABYTES);
        assertThat(peak.get() - baseline)
                .as("direct memory held beyond the baseline while 100 MB passed")
                .isLessThan(DIRECT_MEMORY_BOUND);
    }

    private static String certificateSerial(Connector connector) {
        return String.valueOf(((java.util.Map<?, ?>) connector.status().get("certificate")).get("serial"));
    }

    private static String tunnelState(Connector connector) {
        return String.valueOf(tunnel(connector).get("state"));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> tunnel(Connector connector) {
        return (java.util.Map<String, Object>) connector.status().get("tunnel");
    }

    private static long directMemory() {
        long used = PlatformDependent.usedDirectMemory();
        assertThat(used)
                .as("Netty counts the direct memory it holds (-1 when it cannot)")
                .isNotNegative();
        return used;
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Samples Netty's direct memory every few milliseconds and keeps the peak. */
    private static final class MemoryWatch implements AutoCloseable {
        private final Thread sampler;

        MemoryWatch(AtomicLong peak) {
            sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(directMemory(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
        }
    }
}
