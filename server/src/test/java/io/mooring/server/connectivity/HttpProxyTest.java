package io.mooring.server.connectivity;

import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_HOST;
import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_PORT;
import static io.mooring.server.testing.OnPremiseLandscape.subPaths;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.connector.access.HostHeader;
import io.mooring.connector.access.PrincipalType;
import io.mooring.connector.access.Resource;
import io.mooring.server.testing.BackEnd;
import io.mooring.server.testing.Bindings;
import io.mooring.server.testing.OnH2;
import io.mooring.server.testing.OnPremiseLandscape;
import io.mooring.server.testing.ProxyClient;
import io.mooring.server.testing.ServerTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP connectivity proxy end to end: an application's request goes to the real proxy, through the tunnel to a
 * real connector and on to a real back end; what is refused never reaches the back end.
 */
@OnH2
class HttpProxyTest extends ServerTest {
    private static final String TARGET = "http://" + VIRTUAL_HOST + ":" + VIRTUAL_PORT;

    @TempDir
    static Path connectorData;

    static OnPremiseLandscape landscape;

    @BeforeEach
    void startLandscape() {
        if (landscape == null || !landscape.api.base().equals(api.base())) {
            landscape = OnPremiseLandscape.start(api, connectorData, "", List.of(subPaths("/sap/opu/odata")));
        }
        landscape.backEnd.clear();
    }

    @AfterAll
    static void stopLandscape() {
        if (landscape != null) {
            landscape.close();
            landscape = null;
        }
    }

    private ProxyClient client() {
        return new ProxyClient(landscape.proxyPort());
    }

    @Test
    void anAllowedRequestShouldReachTheBackEndWithoutTheProxysHeaders() {
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET " + TARGET + "/sap/opu/odata/orders?$top=1 HTTP/1.1",
                    "Host: " + VIRTUAL_HOST + ":" + VIRTUAL_PORT,
                    landscape.proxyAuthorization(),
                    "Proxy-Connection: keep-alive",
                    "SAP-Connectivity-SCC-Location_ID: ",
                    "SSL_CLIENT_CERT: forged",
                    "X-Forwarded-Host: app.example",
                    "X-Custom: kept");

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from /sap/opu/odata/orders");
            BackEnd.Request seen = landscape.backEnd.requests().getFirst();
            assertThat(seen.rawPath()).isEqualTo("/sap/opu/odata/orders?$top=1");
            assertThat(seen.header("Host")).isEqualTo(VIRTUAL_HOST + ":" + VIRTUAL_PORT);
            assertThat(seen.header("X-Custom")).isEqualTo("kept");
            assertThat(seen.header("X-Forwarded-Host"))
                    .as("with the virtual host in Host, the application's own")
                    .isEqualTo("app.example");
            assertThat(seen.header("SSL_CLIENT_CERT"))
                    .as("only the connector puts a certificate there")
                    .isNull();
            assertThat(seen.header("Content-Length"))
                    .as("a GET without content names no length")
                    .isNull();
            assertThat(seen.headers().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("proxy-")
                            || name.toLowerCase().startsWith("sap-connectivity-")
                            || name.toLowerCase().startsWith("mooring-"));

            ProxyClient.Response second =
                    client.send("GET " + TARGET + "/sap/opu/odata/again HTTP/1.1", landscape.proxyAuthorization());
            assertThat(second.body()).isEqualTo("hello from /sap/opu/odata/again");
        }
    }

    @Test
    void theRequestsOfOneConnectionShouldTakeTurnsOnItsLaneWithTheirBodiesFramedAsSent() {
        try (ProxyClient client = client()) {
            client.write(ProxyClient.head(
                            "POST " + TARGET + "/sap/opu/odata/upload HTTP/1.1",
                            landscape.proxyAuthorization(),
                            "Transfer-Encoding: chunked")
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            ProxyClient.Response chunked = client.read(true);
            assertThat(chunked.status()).as(chunked.toString()).isEqualTo(200);
            assertThat(chunked.body()).isEqualTo("11");

            client.write(ProxyClient.head(
                            "PUT " + TARGET + "/sap/opu/odata/upload HTTP/1.1",
                            landscape.proxyAuthorization(),
                            "Content-Length: 3")
                    + "abc");
            assertThat(client.read(true).body()).isEqualTo("3");

            ProxyClient.Response last = client.send(
                    "GET " + TARGET + "/sap/opu/odata/last HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "Connection: close");
            assertThat(last.body()).isEqualTo("hello from /sap/opu/odata/last");
            assertThat(last.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(landscape.backEnd.requests())
                .extracting(BackEnd.Request::method, BackEnd.Request::bodyBytes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", 11L),
                        org.assertj.core.groups.Tuple.tuple("PUT", 3L),
                        org.assertj.core.groups.Tuple.tuple("GET", 0L));
    }

    @Test
    void answersShouldPassAsTheBackEndFramedThemWhetherChunkedOrToHead() {
        try (ProxyClient client = client()) {
            client.write(ProxyClient.head(
                    "HEAD " + TARGET + "/sap/opu/odata/info HTTP/1.1", landscape.proxyAuthorization()));
            ProxyClient.Response head = client.readAnswerToHead();
            assertThat(head.status()).as(head.toString()).isEqualTo(200);

            ProxyClient.Response chunked =
                    client.send("GET " + TARGET + "/sap/opu/odata/chunks HTTP/1.1", landscape.proxyAuthorization());
            assertThat(chunked.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
            assertThat(chunked.body()).isEqualTo("one two three");

            ProxyClient.Response after =
                    client.send("GET " + TARGET + "/sap/opu/odata/after HTTP/1.1", landscape.proxyAuthorization());
            assertThat(after.body()).isEqualTo("hello from /sap/opu/odata/after");
        }
        assertThat(landscape.backEnd.requests())
                .extracting(BackEnd.Request::method)
                .containsExactly("HEAD", "GET", "GET");
    }

    @Test
    void anAnswerTheBackEndEndsByClosingShouldArriveInChunksWithoutItsHopHeaders() throws IOException {
        String answer = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nConnection: close, X-Hop\r\nX-Hop: one\r\n"
                + "Keep-Alive: timeout=5\r\nX-Kept: two\r\n\r\nuntil the back end closes";
        try (ClosingBackEnd closing = new ClosingBackEnd(answer);
                ProxyClient client = client()) {
            landscape.exposeHttp("closing.virtual", 8000, closing.port(), List.of(subPaths("/")));

            ProxyClient.Response first =
                    client.send("GET http://closing.virtual:8000/any HTTP/1.1", landscape.proxyAuthorization());
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
            assertThat(first.body()).isEqualTo("until the back end closes");
            assertThat(first.header("X-Kept")).isEqualTo("two");
            assertThat(first.header("X-Hop")).isNull();
            assertThat(first.header("Keep-Alive")).isNull();
            assertThat(first.header("Connection")).isNull();

            ProxyClient.Response second =
                    client.send("GET http://closing.virtual:8000/again HTTP/1.1", landscape.proxyAuthorization());
            assertThat(second.body())
                    .as("the closed back-end connection is not reused")
                    .isEqualTo("until the back end closes");
        } finally {
            landscape.expose(List.of(subPaths("/sap/opu/odata")), PrincipalType.NONE);
        }
    }

    @Test
    void aRequestExpectingContinueShouldBeInvitedToSendItsBodyByTheProxy() {
        try (ProxyClient client = client()) {
            client.write(ProxyClient.head(
                    "POST " + TARGET + "/sap/opu/odata/upload HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "Expect: 100-continue",
                    "Content-Length: 5"));
            assertThat(client.readAnswerToHead().status()).isEqualTo(100);
            client.write("hello");
            ProxyClient.Response answer = client.read(true);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("5");
        }
        assertThat(landscape.backEnd.requests().getFirst().header("Expect"))
                .as("the proxy answered the expectation itself")
                .isNull();
    }

    @Test
    void anHttp10RequestShouldBeAnsweredAndItsConnectionClosed() {
        try (ProxyClient client = client()) {
            ProxyClient.Response answer =
                    client.send("GET " + TARGET + "/sap/opu/odata/old HTTP/1.0", landscape.proxyAuthorization());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("hello from /sap/opu/odata/old");
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void aRequestWithAFoldedHeaderShouldBeRefusedWith400() {
        try (ProxyClient client = client()) {
            ProxyClient.Response answer = client.send(
                    "GET " + TARGET + "/sap/opu/odata HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "X-Folded: one",
                    " two");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("malformed-request", "folded");
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(landscape.backEnd.requests()).isEmpty();
    }

    @Test
    void aRequestFramedBothByLengthAndChunksShouldBeRefusedWith400AndItsConnectionClosed() {
        try (ProxyClient client = client()) {
            client.write(ProxyClient.head(
                            "POST " + TARGET + "/sap/opu/odata/upload HTTP/1.1",
                            landscape.proxyAuthorization(),
                            "Content-Length: 100",
                            "Transfer-Encoding: chunked")
                    + "5\r\nhello\r\n0\r\n\r\n");
            ProxyClient.Response answer = client.read(true);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("malformed-request", "Transfer-Encoding");
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(landscape.backEnd.requests()).isEmpty();
    }

    @Test
    void withoutAValidConnectivityTokenTheProxyShouldAsk() {
        String destinationToken =
                new Bindings(api, landscape.tenant).token(new Bindings(api, landscape.tenant).destinationCredentials());
        for (String[] headers : List.of(
                new String[] {},
                new String[] {"Proxy-Authorization: Bearer not-a-token"},
                new String[] {"Proxy-Authorization: Basic dXNlcjpwYXNz"},
                new String[] {"Proxy-Authorization: Bearer " + destinationToken})) {
            try (ProxyClient client = client()) {
                ProxyClient.Response response = client.send("GET " + TARGET + "/sap/opu/odata HTTP/1.1", headers);
                assertThat(response.status()).isEqualTo(407);
                assertThat(response.header("Proxy-Authenticate")).startsWith("Bearer");
                assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(response.body()).contains("connectivity service binding");
            }
        }
        assertThat(landscape.backEnd.requests()).isEmpty();
    }

    @Test
    void aRefusedHeadRequestShouldGetTheProblemsHeadWithoutItsBody() {
        try (ProxyClient client = client()) {
            client.write(ProxyClient.head("HEAD " + TARGET + "/sap/opu/odata HTTP/1.1"));
            ProxyClient.Response response = client.readAnswerToHead();
            assertThat(response.status()).isEqualTo(407);
            assertThat(Integer.parseInt(response.header("Content-Length"))).isPositive();
            assertThat(client.closedByPeer())
                    .as("nothing after the head: the connection ends")
                    .isTrue();
        }
    }

    @Test
    void aHeadRequestToAnUnreachableBackEndShouldGetA502HeadAndLeaveTheConnectionReady() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        landscape.exposeHttp("gone.virtual", 8000, closedPort, List.of(subPaths("/")));
        try (ProxyClient client = client()) {
            client.write(
                    ProxyClient.head("HEAD http://gone.virtual:8000/any HTTP/1.1", landscape.proxyAuthorization()));
            ProxyClient.Response unreachable = client.readAnswerToHead();
            assertThat(unreachable.status()).isEqualTo(502);
            assertThat(unreachable.header("mooring-backend-error")).isEqualTo("unreachable");

            ProxyClient.Response next =
                    client.send("GET " + TARGET + "/sap/opu/odata/next HTTP/1.1", landscape.proxyAuthorization());
            assertThat(next.body()).as("the lane is still in step").isEqualTo("hello from /sap/opu/odata/next");
        } finally {
            landscape.expose(List.of(subPaths("/sap/opu/odata")), PrincipalType.NONE);
        }
    }

    @Test
    void httpsTargetsAndConnectShouldBeRefusedWith405() {
        try (ProxyClient client = client()) {
            assertThat(client.send("GET https://" + VIRTUAL_HOST + ":443/sap HTTP/1.1", landscape.proxyAuthorization())
                            .status())
                    .isEqualTo(405);
        }
        try (ProxyClient client = client()) {
            assertThat(client.send("CONNECT " + VIRTUAL_HOST + ":443 HTTP/1.1", landscape.proxyAuthorization())
                            .status())
                    .isEqualTo(405);
        }
    }

    @Test
    void anOriginFormRequestShouldBeRefusedWith400() {
        try (ProxyClient client = client()) {
            ProxyClient.Response response =
                    client.send("GET /sap/opu/odata HTTP/1.1", "Host: x", landscape.proxyAuthorization());
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("absolute-form");
        }
    }

    @Test
    void linesLongerThan8192BytesShouldBeRefused() {
        try (ProxyClient client = client()) {
            String path = "/sap/opu/odata/" + "a".repeat(8200);
            assertThat(client.send("GET " + TARGET + path + " HTTP/1.1", landscape.proxyAuthorization())
                            .status())
                    .isEqualTo(414);
        }
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET " + TARGET + "/sap/opu/odata HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "X-Long: " + "b".repeat(8190));
            assertThat(response.status()).isEqualTo(431);
        }
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET " + TARGET + "/sap/opu/odata HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "X-Fits: " + "c".repeat(8000));
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(landscape.backEnd.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "a\rb", "a\u007fb", "a\u0000b"})
    void aHeaderValueWithAControlCharacterShouldBeRefusedWith400(String value) {
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET " + TARGET + "/sap/opu/odata HTTP/1.1", landscape.proxyAuthorization(), "X-Bad: " + value);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.body()).contains("X-Bad");
        }
        assertThat(landscape.backEnd.requests()).isEmpty();
    }

    @Test
    void aConnectivityTokenWithAControlCharacterShouldNotBeAccepted() {
        String authorization = landscape.proxyAuthorization();
        int middle = authorization.length() - 10;
        String spoiled = authorization.substring(0, middle) + "\u0001" + authorization.substring(middle);
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send("GET " + TARGET + "/sap/opu/odata HTTP/1.1", spoiled);
            assertThat(response.status()).as(response.toString()).isEqualTo(407);
        }
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET " + TARGET + "/sap/opu/odata HTTP/1.1",
                    authorization,
                    "SAP-Connectivity-Authentication: Bearer a.b\u0001.c");
            assertThat(response.status()).as(response.toString()).isEqualTo(407);
        }
        assertThat(landscape.backEnd.requests()).isEmpty();
    }

    @Test
    void anUnknownLocationShouldGive502() {
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET " + TARGET + "/sap/opu/odata HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "SAP-Connectivity-SCC-Location_ID: nowhere");
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.body()).contains("location ID 'nowhere'");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/sap/opu/odataX",
                "/sap/opu",
                "/",
                "/sap/opu/odata/../../../etc/passwd",
                "/sap/opu/odata/%2e%2e/%2e%2e/admin",
                "/sap/opu/odata/..%2f..%2fadmin",
                "/sap/opu/odata%2Forders",
                "/sap/opu/odata/%252e%252e/admin",
                "//sap/opu/odata/../../admin",
                "/SAP/opu/odata/orders",
                "/sap/opu/odata/..\\..\\admin"
            })
    void deniedPathsShouldNeverReachTheBackEnd(String path) {
        try (ProxyClient client = client()) {
            ProxyClient.Response response =
                    client.send("GET " + TARGET + path + " HTTP/1.1", landscape.proxyAuthorization());
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            JsonNode problem = JsonMapper.shared().readTree(response.body());
            assertThat(problem.path("type").asString()).isEqualTo("urn:mooring:problem:connector-denied");
            assertThat(problem.path("status").asInt()).isEqualTo(403);
            assertThat(problem.path("detail").asString()).endsWith(")").contains(response.header("mooring-denial"));
            assertThat(landscape.connectorAudit().valueStream())
                    .as("the connector's audit of the denial, with its reason")
                    .anySatisfy(entry -> {
                        assertThat(entry.path("event").asString()).isEqualTo("REQUEST_DENIED");
                        assertThat(entry.path("method").asString()).isEqualTo("GET");
                        assertThat(entry.path("path").asString()).isEqualTo(path);
                        assertThat(entry.path("denial").asString()).isEqualTo(response.header("mooring-denial"));
                    });
        }
        assertThat(landscape.backEnd.requests()).isEmpty();
    }

    @Test
    void aResourceSuspendedThroughTheConnectorsAdminApiShouldBeDeniedAtOnceAndServedAgainWhenResumed() {
        String mapping = """
                {"virtualHost": "admin-api.virtual", "virtualPort": 8001,
                 "internalHost": "127.0.0.1", "internalPort": %d, "protocol": "HTTP",
                 "resources": [{"path": "/sap", "subPaths": true, "active": %s}]}""";
        int backEnd = landscape.backEnd.port();
        assertThat(landscape
                        .connectorAdmin("POST", "/mappings", mapping.formatted(backEnd, true))
                        .statusCode())
                .isEqualTo(201);
        String request = "GET http://admin-api.virtual:8001/sap/orders HTTP/1.1";
        try (ProxyClient client = client()) {
            assertThat(client.send(request, landscape.proxyAuthorization()).status())
                    .isEqualTo(200);

            assertThat(landscape
                            .connectorAdmin(
                                    "PUT", "/mappings/admin-api.virtual:8001", mapping.formatted(backEnd, false))
                            .statusCode())
                    .isEqualTo(200);
            ProxyClient.Response suspended = client.send(request, landscape.proxyAuthorization());
            assertThat(suspended.status()).as(suspended.toString()).isEqualTo(403);
            assertThat(suspended.header("mooring-denial")).isEqualTo("RESOURCE_SUSPENDED");

            landscape.connectorAdmin("PUT", "/mappings/admin-api.virtual:8001", mapping.formatted(backEnd, true));
            assertThat(client.send(request, landscape.proxyAuthorization()).status())
                    .isEqualTo(200);
        }
        assertThat(landscape.backEnd.requests()).hasSize(2);
    }

    @Test
    void withTheInternalHostHeaderTheBackEndShouldSeeItsOwnHostAndTheVirtualOneInXForwardedHost() {
        String virtualHost = "internal-host.virtual";
        landscape.exposeHttp(
                virtualHost, 8443, landscape.backEnd.port(), HostHeader.INTERNAL, List.of(subPaths("/sap")));
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET http://" + virtualHost + ":8443/sap/orders HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "X-Forwarded-Host: spoofed.example");

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            BackEnd.Request seen = landscape.backEnd.requests().getFirst();
            assertThat(seen.header("Host")).isEqualTo("127.0.0.1:" + landscape.backEnd.port());
            assertThat(seen.headers().get("X-Forwarded-Host"))
                    .as("the virtual host, and the application's own value gone")
                    .containsExactly(virtualHost + ":8443");
        }
    }

    @Test
    void anEquivalentSpellingOfAnAllowedPathShouldReachItsNormalForm() {
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET " + TARGET + "/sap//opu/./odata/x/../orders HTTP/1.1", landscape.proxyAuthorization());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        assertThat(landscape.backEnd.requests().getFirst().rawPath()).isEqualTo("/sap/opu/odata/orders");
    }

    @Test
    void aWebSocketUpgradeShouldSwitchTheWholePathToTheBackEndsProtocolWhereTheResourceAllowsIt() throws Exception {
        try (UpgradingBackEnd backEnd = new UpgradingBackEnd()) {
            landscape.exposeHttp(
                    "ws.virtual", 9001, backEnd.port(), List.of(new Resource("/ws", true, true, true, "")));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), landscape.proxyPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(ProxyClient.head(
                                "GET http://ws.virtual:9001/ws/echo HTTP/1.1",
                                landscape.proxyAuthorization(),
                                "Connection: Upgrade",
                                "Upgrade: websocket",
                                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                                "Sec-WebSocket-Version: 13")
                        .getBytes(StandardCharsets.US_ASCII));

                String head = readHead(in);
                assertThat(head)
                        .startsWith("HTTP/1.1 101 ")
                        .containsIgnoringCase("upgrade: websocket")
                        .containsIgnoringCase("connection: upgrade")
                        .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
                for (String message : List.of("hello", " through the tunnel", "!")) {
                    out.write(message.getBytes(StandardCharsets.US_ASCII));
                    assertThat(new String(in.readNBytes(message.length()), StandardCharsets.US_ASCII))
                            .isEqualTo(message.toUpperCase());
                }
            }
            assertThat(backEnd.awaitClosed(10))
                    .as("the application hung up: the back end's connection closes too")
                    .isTrue();
            assertThat(backEnd.head())
                    .startsWith("GET /ws/echo HTTP/1.1")
                    .containsIgnoringCase("upgrade: websocket")
                    .containsIgnoringCase("connection: upgrade")
                    .contains("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")
                    .doesNotContainIgnoringCase("proxy-authorization");
        }
    }

    @Test
    void aWebSocketUpgradeShouldBeDeniedWhereTheResourceDoesNotAllowIt() {
        landscape.exposeHttp("ws-denied.virtual", 9002, landscape.backEnd.port(), List.of(subPaths("/ws")));
        try (ProxyClient client = client()) {
            ProxyClient.Response response = client.send(
                    "GET http://ws-denied.virtual:9002/ws/echo HTTP/1.1",
                    landscape.proxyAuthorization(),
                    "Connection: Upgrade",
                    "Upgrade: websocket",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                    "Sec-WebSocket-Version: 13");
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.header("mooring-denial")).isEqualTo("WEBSOCKET_NOT_ALLOWED");

            ProxyClient.Response plain =
                    client.send("GET http://ws-denied.virtual:9002/ws/page HTTP/1.1", landscape.proxyAuthorization());
            assertThat(plain.status()).as("the same path without an upgrade").isEqualTo(200);
        }
        assertThat(landscape.backEnd.requests())
                .extracting(BackEnd.Request::rawPath)
                .containsExactly("/ws/page");
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /**
     * A back end that switches every request to a protocol of its own (the WebSocket handshake's answer, then an echo
     * in upper case of whatever comes), and keeps the head of the last request.
     */
    private static final class UpgradingBackEnd implements AutoCloseable {
        private final ServerSocket server;
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile String head = "";

        UpgradingBackEnd() throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::acceptAll);
        }

        int port() {
            return server.getLocalPort();
        }

        String head() {
            return head;
        }

        /** Waits until a connection that switched protocols has been closed by the other side. */
        boolean awaitClosed(long seconds) throws InterruptedException {
            return closed.await(seconds, TimeUnit.SECONDS);
        }

        private void acceptAll() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> echo(socket));
                } catch (IOException closed) {
                    // closed by the test
                }
            }
        }

        private void echo(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                head = readHead(in);
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    out.write(new String(buffer, 0, read, StandardCharsets.US_ASCII)
                            .toUpperCase()
                            .getBytes(StandardCharsets.US_ASCII));
                }
                closed.countDown();
            } catch (IOException closed) {
                // the proxy hung up
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A back end that answers every request with the same bytes and then closes the connection. */
    private static final class ClosingBackEnd implements AutoCloseable {
        private final ServerSocket server;
        private final byte[] answer;

        ClosingBackEnd(String answer) throws IOException {
            this.answer = answer.getBytes(StandardCharsets.US_ASCII);
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::acceptAll);
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptAll() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    BufferedReader request = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = request.readLine()) != null && !line.isEmpty()) {
                        // the request's head; it has no body
                    }
                    socket.getOutputStream().write(answer);
                } catch (IOException closed) {
                    // closed by the test, or the proxy hung up
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
