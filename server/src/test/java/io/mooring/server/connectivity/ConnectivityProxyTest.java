package io.mooring.server.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.web.PublicUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.jwt.BadJwtException;

class ConnectivityProxyTest {
    private static final String LOOPBACK = "127.0.0.1";

    private final ConnectivityLoops loops = new ConnectivityLoops(properties(0, 0));

    @AfterEach
    void stopLoops() {
        loops.destroy();
    }

    @Test
    void bothPortsListenAfterStartAndNeitherAfterStop() throws IOException {
        MooringProperties properties = properties(0, 0);
        ProxyAddresses addresses = new ProxyAddresses(new PublicUrl(properties), properties);
        ConnectivityProxy proxy = proxy(properties, addresses);

        proxy.start();
        int http = addresses.httpPort();
        int socks5 = addresses.socks5Port();
        assertThat(proxy.isRunning()).isTrue();
        assertThat(http).isPositive().isNotEqualTo(socks5);
        assertThat(socks5).isPositive();
        assertThat(accepts(http)).isTrue();
        assertThat(accepts(socks5)).isTrue();

        proxy.stop();
        assertThat(proxy.isRunning()).isFalse();
        assertThat(accepts(http)).isFalse();
        assertThat(accepts(socks5)).isFalse();
    }

    @Test
    void aTakenSocks5PortFailsTheStartNamingThePortAndLeavesTheHttpPortFree() throws IOException {
        try (ServerSocket taken = listenOnLoopback(0)) {
            int http = freePort();
            MooringProperties properties = properties(http, taken.getLocalPort());
            ConnectivityProxy proxy = proxy(properties, new ProxyAddresses(new PublicUrl(properties), properties));

            assertThatThrownBy(proxy::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SOCKS5")
                    .hasMessageContaining(LOOPBACK + ":" + taken.getLocalPort())
                    .hasMessageContaining("choose a free port");
            assertThat(proxy.isRunning()).isFalse();
            assertThat(accepts(http)).isFalse();
            try (ServerSocket again = listenOnLoopback(http)) {
                assertThat(again.getLocalPort()).isEqualTo(http);
            }
        }
    }

    private ConnectivityProxy proxy(MooringProperties properties, ProxyAddresses addresses) {
        ProxyAuthorization authorization = new ProxyAuthorization(
                token -> {
                    throw new BadJwtException("no tokens in this test");
                },
                Clock.systemUTC());
        return new ConnectivityProxy(loops, authorization, new ConnectorSessions(), addresses, properties);
    }

    private static MooringProperties properties(int httpPort, int socks5Port) {
        Map<String, String> settings = Map.of(
                "mooring.connectivity.bind-address", LOOPBACK,
                "mooring.connectivity.proxy.http-port", String.valueOf(httpPort),
                "mooring.connectivity.proxy.socks5-port", String.valueOf(socks5Port));
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mooring", MooringProperties.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = listenOnLoopback(0)) {
            return probe.getLocalPort();
        }
    }

    private static ServerSocket listenOnLoopback(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK));
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(LOOPBACK, port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
