package io.mooring.server.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Base of tests that start the real server on a random loopback port and talk to it over HTTP. Each test makes
 * its own global account, so tests share one server per database without seeing each other's data.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mooring.bootstrap.admin-password=" + ServerTest.OPERATOR_PASSWORD,
            "mooring.bootstrap.password-file=",
            "mooring.secret-keys.keyset-file=${java.io.tmpdir}/mooring-tests/${random.uuid}/secret-keyset.json",
            "mooring.login.attempts-per-minute-per-address=1000000",
            "mooring.login.attempts-per-minute-per-name=1000000",
            "mooring.notifications.poll-interval=50ms",
            "mooring.notifications.request-timeout=1s",
            "mooring.notifications.lease=5s",
            "mooring.notifications.initial-backoff=1s",
            "mooring.notifications.max-backoff=4s",
            "mooring.notifications.max-attempts=4",
            "mooring.connectivity.bind-address=127.0.0.1",
            "mooring.connectivity.proxy.http-port=0",
            "mooring.connectivity.proxy.socks5-port=0",
            "mooring.connectivity.tunnel.port=0",
            "logging.level.io.mooring=warn"
        })
@Import(TestClockConfiguration.class)
public abstract class ServerTest {
    public static final String OPERATOR = "admin";
    public static final String OPERATOR_PASSWORD = "operator-password-for-tests";

    @LocalServerPort
    private int port;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
    }

    /** A new global account with its administrator logged in. */
    protected Tenant newTenant() {
        return Tenant.create(api);
    }

    protected static MutableClock clock() {
        return TestClockConfiguration.CLOCK;
    }
}
