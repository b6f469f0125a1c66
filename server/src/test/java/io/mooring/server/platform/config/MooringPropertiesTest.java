package io.mooring.server.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class MooringPropertiesTest {
    @Test
    void defaultsShouldMatchTheDocumentedValues() {
        MooringProperties properties = bind(Map.of());

        assertThat(properties.tokens().accessTokenValidity()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.tokens().integrationTokenValidity()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.tokens().issuer()).isEqualTo("http://127.0.0.1:8080/oauth/token");
        assertThat(properties.bootstrap().adminUsername()).isEqualTo("admin");
        assertThat(properties.bootstrap().adminPassword()).isNull();
        assertThat(properties.requests().maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(properties.login().attemptsPerMinutePerName()).isEqualTo(10);
        assertThat(properties.login().attemptsPerMinutePerAddress()).isEqualTo(60);
        assertThat(properties.pairing().certificateValidity()).isEqualTo(Duration.ofDays(365));
        assertThat(properties.publicUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(properties.notifications())
                .isEqualTo(new MooringProperties.Notifications(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        8,
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(1),
                        16));
        assertThat(properties.connectivity())
                .isEqualTo(new MooringProperties.Connectivity(
                        new MooringProperties.Connectivity.Proxy(null, 20003, 20004),
                        new MooringProperties.Connectivity.Tunnel(null, 20001),
                        "0.0.0.0",
                        Duration.ofDays(30),
                        Duration.ofNanos(100_000)));
        assertThat(properties.destinations())
                .isEqualTo(new MooringProperties.Destinations(
                        Duration.ofSeconds(10), Duration.ofSeconds(60), 10000, Duration.ofSeconds(10)));
    }

    @Test
    void everyPropertyShouldBeMapped() {
        MooringProperties properties = bind(Map.ofEntries(
                Map.entry("mooring.tokens.access-token-validity", "15m"),
                Map.entry("mooring.tokens.integration-token-validity", "2m"),
                Map.entry("mooring.tokens.issuer", "https://mooring.example.com/oauth/token"),
                Map.entry("mooring.bootstrap.global-account-name", "ACME"),
                Map.entry("mooring.bootstrap.admin-username", "root"),
                Map.entry("mooring.bootstrap.admin-password", "secret-secret"),
                Map.entry("mooring.bootstrap.password-file", "/tmp/pw"),
                Map.entry("mooring.requests.max-body-size", "2MB"),
                Map.entry("mooring.login.attempts-per-minute-per-name", "3"),
                Map.entry("mooring.login.attempts-per-minute-per-address", "7"),
                Map.entry("mooring.pairing.certificate-validity", "30d"),
                Map.entry("mooring.public-url", "https://mooring.example.com"),
                Map.entry("mooring.notifications.poll-interval", "5s"),
                Map.entry("mooring.notifications.request-timeout", "3s"),
                Map.entry("mooring.notifications.max-attempts", "5"),
                Map.entry("mooring.notifications.initial-backoff", "1s"),
                Map.entry("mooring.notifications.max-backoff", "1h"),
                Map.entry("mooring.notifications.lease", "2m"),
                Map.entry("mooring.notifications.max-in-flight", "4"),
                Map.entry("mooring.connectivity.proxy.host", "proxy.example.com"),
                Map.entry("mooring.connectivity.proxy.http-port", "3128"),
                Map.entry("mooring.connectivity.proxy.socks5-port", "1080"),
                Map.entry("mooring.connectivity.tunnel.host", "tunnel.example.com"),
                Map.entry("mooring.connectivity.tunnel.port", "443"),
                Map.entry("mooring.connectivity.bind-address", "127.0.0.1"),
                Map.entry("mooring.connectivity.connector-certificate-validity", "7d"),
                Map.entry("mooring.connectivity.busy-poll", "0"),
                Map.entry("mooring.destinations.token-request-timeout", "3s"),
                Map.entry("mooring.destinations.token-renewal-margin", "30s"),
                Map.entry("mooring.destinations.max-cached-tokens", "100"),
                Map.entry("mooring.destinations.check-timeout", "4s")));

        assertThat(properties.tokens())
                .isEqualTo(new MooringProperties.Tokens(
                        Duration.ofMinutes(15), Duration.ofMinutes(2), "https://mooring.example.com/oauth/token"));
        assertThat(properties.bootstrap())
                .isEqualTo(new MooringProperties.Bootstrap("ACME", "root", "secret-secret", "/tmp/pw"));
        assertThat(properties.requests().maxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
        assertThat(properties.login()).isEqualTo(new MooringProperties.Login(3, 7));
        assertThat(properties.pairing().certificateValidity()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.publicUrl()).isEqualTo("https://mooring.example.com");
        assertThat(properties.notifications())
                .isEqualTo(new MooringProperties.Notifications(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(3),
                        5,
                        Duration.ofSeconds(1),
                        Duration.ofHours(1),
                        Duration.ofMinutes(2),
                        4));
        assertThat(properties.connectivity())
                .isEqualTo(new MooringProperties.Connectivity(
                        new MooringProperties.Connectivity.Proxy("proxy.example.com", 3128, 1080),
                        new MooringProperties.Connectivity.Tunnel("tunnel.example.com", 443),
                        "127.0.0.1",
                        Duration.ofDays(7),
                        Duration.ZERO));
        assertThat(properties.destinations())
                .isEqualTo(new MooringProperties.Destinations(
                        Duration.ofSeconds(3), Duration.ofSeconds(30), 100, Duration.ofSeconds(4)));
    }

    @Test
    void aBusyPollOutsideZeroToTenMillisecondsShouldBeRefused() {
        for (String busyPoll : new String[] {"-1us", "11ms"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> bind(Map.of("mooring.connectivity.busy-poll", busyPoll)))
                    .hasStackTraceContaining("must be between 0 and 10ms");
        }
    }

    @Test
    void aLeaseNoLongerThanTheRequestTimeoutShouldBeRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bind(
                        Map.of("mooring.notifications.request-timeout", "30s", "mooring.notifications.lease", "30s")))
                .hasStackTraceContaining("must be longer than request-timeout");
    }

    private static MooringProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("mooring", MooringProperties.class);
    }
}
