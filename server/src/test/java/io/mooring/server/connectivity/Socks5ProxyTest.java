package io.mooring.server.connectivity;

import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_HOST;
import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_PORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.server.testing.Bindings;
import io.mooring.server.testing.OnH2;
import io.mooring.server.testing.OnPremiseLandscape;
import io.mooring.server.testing.ServerTest;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SOCKS5 connectivity proxy end to end, spoken to as SAP's clients do (authentication method 0x80): an
 * application's connection goes through the real proxy and the tunnel to a real connector and on to a real TCP back
 * end; what is refused never reaches the back end.
 */
@OnH2
class Socks5ProxyTest extends ServerTest {
    private static final String ECHO_HOST = "echo.virtual";
    private static final String COUNTER_HOST = "counter.virtual";
    private static final String ECHO_ADDRESS = "10.0.0.7";
    private static final int TCP_PORT = 7000;

    /** Windows of 4 MiB per stream each way, plus socket buffers: far below the 128 MiB moved. */
    private static final long DIRECT_MEMORY_BOUND = 40L * 1024 * 1024;

    private static final int CONNECT = 0x01;
    private static final int BIND = 0x02;
    private static final int IPV4 = 0x01;
    private static final int DOMAIN = 0x03;
    private static final int IPV6 = 0x04;

    @TempDir
    static Path connectorData;

    static OnPremiseLandscape landscape;
    static TcpBackEnd echo;
    static TcpBackEnd counter;

    @BeforeEach
    void startLandscape() {
        if (landscape == null) {
            echo = new TcpBackEnd(true);
            counter = new TcpBackEnd(false);
            landscape = OnPremiseLandscape.start(api, connectorData, "", List.of());
            landscape.exposeTcp(ECHO_HOST, TCP_PORT, echo.port());
            landscape.exposeTcp(ECHO_ADDRESS, TCP_PORT, echo.port());
            landscape.exposeTcp(COUNTER_HOST, TCP_PORT, counter.port());
        }
    }

    @AfterAll
    static void stopLandscape() throws IOException {
        if (landscape != null) {
            landscape.close();
            echo.close();
            counter.close();
            landscape = null;
        }
    }

    @Test
    void aFewKilobytesShouldMakeTheRoundTripToTheBackEnd() throws IOException {
        byte[] sent = randomBytes(5000);
        try (Socks5Client client = connectedTo(ECHO_HOST)) {
            client.out.write(sent);
            client.out.flush();

            assertThat(client.in.readNBytes(sent.length)).isEqualTo(sent);
        }
    }

    @Test
    void sixtyFourMegabytesShouldFlowBothWaysWithBoundedMemoryEvenWhenTheClientPauses() throws Exception {
        byte[] block = randomBytes(256 * 1024);
        int blocks = 256;
        long baseline = PlatformDependent.usedDirectMemory();
        AtomicLong peak = new AtomicLong(baseline);
        try (Socks5Client client = connectedTo(ECHO_HOST);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                MemoryWatch watch = new MemoryWatch(peak)) {
            Future<?> writing = threads.submit(() -> {
                for (int i = 0; i < blocks; i++) {
                    client.out.write(block);
                }
                client.out.flush();
                return null;
            });

            int intact = 0;
            for (int i = 0; i < blocks; i++) {
                if (i == blocks / 4) {
                    // Everything on the way fills up; the proxy, the tunnel and the connector must stop reading.
                    Thread.sleep(2000);
                }
                intact += Arrays.equals(client.in.readNBytes(block.length), block) ? 1 : 0;
            }

            writing.get(30, TimeUnit.SECONDS);
            assertThat(intact).as("blocks echoed intact").isEqualTo(blocks);
        }
        assertThat(peak.get() - baseline)
                .as("direct memory held beyond the baseline while 64 MiB passed both ways")
                .isLessThan(DIRECT_MEMORY_BOUND);
    }

    @Test
    void aHalfCloseShouldReachTheBackEndAndItsAnswerShouldStillComeBack() throws IOException {
        try (Socks5Client client = connectedTo(COUNTER_HOST)) {
            client.out.write(randomBytes(300_000));
            client.out.flush();
            client.socket.shutdownOutput();

            assertThat(new String(client.in.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("received 300000 bytes");
        }
    }

    @Test
    void aClientThatSendsEverythingAtOnceShouldBeServedInOrder() throws IOException {
        try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
            byte[] jwt = landscape.proxyToken.getBytes(StandardCharsets.US_ASCII);
            client.out.write(new byte[] {0x05, 0x01, (byte) 0x80, 0x01});
            client.out.writeInt(jwt.length);
            client.out.write(jwt);
            client.out.writeByte(0);
            client.out.write(new byte[] {0x05, CONNECT, 0x00, DOMAIN});
            client.out.write(domain(COUNTER_HOST));
            client.out.writeShort(TCP_PORT);
            client.out.write("early bytes".getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            client.socket.shutdownOutput();

            assertThat(client.in.readNBytes(4)).containsExactly(0x05, 0x80, 0x01, 0x00);
            assertThat(client.in.readNBytes(10)).containsExactly(0x05, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0);
            assertThat(new String(client.in.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("received 11 bytes");
        }
    }

    @Test
    void anIpv4AddressShouldNameAVirtualHostToo() throws IOException {
        try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
            client.greet(0x80);
            client.authenticate(landscape.proxyToken, "");
            assertThat(client.request(CONNECT, IPV4, new byte[] {10, 0, 0, 7}, TCP_PORT))
                    .isEqualTo(0x00);

            client.out.write("ping".getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            assertThat(client.in.readNBytes(4)).isEqualTo("ping".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void withoutMethod0x80OfferedTheProxyShouldAcceptNoMethod() throws IOException {
        try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
            assertThat(client.greet(0x00, 0x02)).containsExactly(0x05, 0xFF);
            assertThat(client.in.read()).isEqualTo(-1);
        }
    }

    @Test
    void withoutAValidConnectivityTokenAuthenticationShouldFail() throws IOException {
        Bindings bindings = new Bindings(api, landscape.tenant);
        String destinationToken = bindings.token(bindings.destinationCredentials());
        for (String token : List.of("not-a-token", destinationToken)) {
            try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
                assertThat(client.greet(0x80)).containsExactly(0x05, 0x80);
                assertThat(client.authenticate(token, "")).containsExactly(0x01, 0x01);
                assertThat(client.in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aTokenLongerThan16KibShouldBeRefusedBeforeItIsRead() throws IOException {
        try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
            client.greet(0x80);
            client.out.writeByte(0x01);
            client.out.writeInt(Socks5Handshake.MAX_TOKEN_BYTES + 1);
            client.out.flush();

            assertThat(client.in.readNBytes(2)).containsExactly(0x01, 0x01);
            assertThat(client.in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aVirtualHostWithoutTcpMappingShouldBeRefusedByTheRuleset() throws IOException {
        int acceptedBefore = echo.accepted();
        for (String target : List.of("unmapped.virtual:" + TCP_PORT, VIRTUAL_HOST + ":" + VIRTUAL_PORT)) {
            try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
                client.greet(0x80);
                client.authenticate(landscape.proxyToken, "");
                String[] hostAndPort = target.split(":");

                assertThat(client.connect(hostAndPort[0], Integer.parseInt(hostAndPort[1])))
                        .as(target)
                        .isEqualTo(0x02);
                assertThat(client.in.read()).isEqualTo(-1);
            }
        }
        assertThat(echo.accepted()).isEqualTo(acceptedBefore);
        assertThat(landscape.backEnd.requests()).isEmpty();
    }

    @Test
    void theLocationIdShouldChooseTheConnectorThatServesTheConnection(@TempDir Path berlinData) throws IOException {
        // A second connector of the same subaccount, at location "berlin", maps the same virtual host elsewhere.
        try (OnPremiseLandscape berlin = OnPremiseLandscape.forSubaccount(
                api, landscape.tenant, landscape.subaccountId, berlinData, "berlin", List.of())) {
            berlin.exposeTcp(ECHO_HOST, TCP_PORT, counter.port());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> berlin.view()
                            .path("live")
                            .path("virtualHosts")
                            .findValuesAsString("host")
                            .contains(ECHO_HOST));
            int counted = counter.accepted();

            try (Socks5Client client = connectedTo(ECHO_HOST, "berlin")) {
                client.out.write("hello".getBytes(StandardCharsets.US_ASCII));
                client.out.flush();
                client.socket.shutdownOutput();
                assertThat(new String(client.in.readAllBytes(), StandardCharsets.US_ASCII))
                        .as("the berlin connector's back end")
                        .isEqualTo("received 5 bytes");
            }
            try (Socks5Client client = connectedTo(ECHO_HOST, "")) {
                client.out.write("hello".getBytes(StandardCharsets.US_ASCII));
                client.out.flush();
                assertThat(client.in.readNBytes(5))
                        .as("the default connector's back end")
                        .isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(counter.accepted()).isEqualTo(counted + 1);
        }
    }

    @Test
    void aLocationWithoutConnectedConnectorShouldBeUnreachable() throws IOException {
        try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
            client.greet(0x80);
            assertThat(client.authenticate(landscape.proxyToken, "nowhere")).containsExactly(0x01, 0x00);

            assertThat(client.connect(ECHO_HOST, TCP_PORT)).isEqualTo(0x03);
            assertThat(client.in.read()).isEqualTo(-1);
        }
    }

    @Test
    void commandsOtherThanConnectShouldBeUnsupported() throws IOException {
        try (Socks5Client client = new Socks5Client(landscape.socks5Port())) {
            client.greet(0x80);
            client.authenticate(landscape.proxyToken, "");

            assertThat(client.request(BIND, DOMAIN, domain(ECHO_HOST), TCP_PORT))
                    .isEqualTo(0x07);
            assertThat(client.in.read()).isEqualTo(-1);
        }
    }

    private static Socks5Client connectedTo(String host) throws IOException {
        return connectedTo(host, "");
    }

    private static Socks5Client connectedTo(String host, String locationId) throws IOException {
        Socks5Client client = new Socks5Client(landscape.socks5Port());
        assertThat(client.greet(0x80)).containsExactly(0x05, 0x80);
        assertThat(client.authenticate(landscape.proxyToken, locationId)).containsExactly(0x01, 0x00);
        assertThat(client.connect(host, TCP_PORT)).isEqualTo(0x00);
        return client;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] domain(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] address = new byte[1 + name.length];
        address[0] = (byte) name.length;
        System.arraycopy(name, 0, address, 1, name.length);
        return address;
    }

    /** An application's SOCKS5 client as SAP's connectivity proxy expects one, on a plain socket. */
    private static final class Socks5Client implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;

        Socks5Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(30_000);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
        }

        /** Version 5 and the methods offered; answers the version and the method chosen. */
        byte[] greet(int... methods) throws IOException {
            out.writeByte(0x05);
            out.writeByte(methods.length);
            for (int method : methods) {
                out.writeByte(method);
            }
            out.flush();
            return in.readNBytes(2);
        }

        /** SAP's method 0x80: version 1, the token with a 4-byte length, the base64 location ID with a 1-byte one. */
        byte[] authenticate(String token, String locationId) throws IOException {
            byte[] jwt = token.getBytes(StandardCharsets.US_ASCII);
            byte[] location = Base64.getEncoder().encode(locationId.getBytes(StandardCharsets.UTF_8));
            out.writeByte(0x01);
            out.writeInt(jwt.length);
            out.write(jwt);
            out.writeByte(location.length);
            out.write(location);
            out.flush();
            return in.readNBytes(2);
        }

        int connect(String host, int port) throws IOException {
            return request(CONNECT, DOMAIN, domain(host), port);
        }

        /** Sends a request and reads the reply up to its end; answers the reply's status. */
        int request(int command, int addressType, byte[] address, int port) throws IOException {
            out.write(new byte[] {0x05, (byte) command, 0x00, (byte) addressType});
            out.write(address);
            out.writeShort(port);
            out.flush();
            byte[] reply = in.readNBytes(4);
            assertThat(reply).as("reply header").hasSize(4);
            assertThat(reply[0]).isEqualTo((byte) 0x05);
            int boundAddressLength = switch (reply[3]) {
                case IPV4 -> 4;
                case IPV6 -> 16;
                case DOMAIN -> in.readUnsignedByte();
                default -> throw new AssertionError("address type " + reply[3]);
            };
            assertThat(in.readNBytes(boundAddressLength + 2)).hasSize(boundAddressLength + 2);
            return reply[1] & 0xFF;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A TCP back end on loopback: echoes what it reads, or counts it and says how much once the input has ended. */
    private static final class TcpBackEnd implements AutoCloseable {
        private final ServerSocket server;
        private final boolean echoes;
        private final AtomicInteger accepted = new AtomicInteger();

        TcpBackEnd(boolean echoes) {
            this.echoes = echoes;
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread.ofVirtual().start(this::acceptAll);
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void acceptAll() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                OutputStream answer = socket.getOutputStream();
                if (echoes) {
                    socket.getInputStream().transferTo(answer);
                } else {
                    long received = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                    answer.write(("received " + received + " bytes").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException gone) {
                // the proxy or the test hung up; nothing to answer
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Samples Netty's direct memory every few milliseconds and keeps the peak. */
    private static final class MemoryWatch implements AutoCloseable {
        private final Thread sampler;

        MemoryWatch(AtomicLong peak) {
            sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(PlatformDependent.usedDirectMemory(), Math::max);
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
