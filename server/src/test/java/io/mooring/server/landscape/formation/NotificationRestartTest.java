package io.mooring.server.landscape.formation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.server.MooringServer;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.FormationApi;
import io.mooring.server.testing.ParticipantEndpoint;
import io.mooring.server.testing.ParticipantEndpoint.Reply;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import io.mooring.server.testing.TestClockConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A server stopped while notifications are being delivered, and another started on the same database: it delivers
 * what the outbox holds, exactly that, and loses nothing. Deliveries cut off by the stop are delivered again once
 * their lease runs out (participants tell repeats by the notification id); those waiting for a retry keep waiting
 * for it.
 */
class NotificationRestartTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration BACKOFF = Duration.ofMinutes(10);

    @TempDir
    Path data;

    @Test
    void aServerStoppedMidDeliveryShouldLeaveTheNextOneToDeliverEverything() {
        try (ParticipantEndpoint hanging = ParticipantEndpoint.start();
                ParticipantEndpoint failing = ParticipantEndpoint.start()) {
            hanging.hold();
            failing.thenReply(Reply.status(503));

            ConfigurableApplicationContext first = start();
            Tenant tenant = Tenant.create(api(first));
            FormationApi formations = new FormationApi(api(first), tenant);
            List<String> held = List.of(
                    tenant.pairedSystem("Held 1", "COMMERCE_CLOUD", null, hanging.url()),
                    tenant.pairedSystem("Held 2", "COMMERCE_CLOUD", null, hanging.url()),
                    tenant.pairedSystem("Held 3", "COMMERCE_CLOUD", null, hanging.url()));
            String retried = tenant.pairedSystem("Retried", "COMMERCE_CLOUD", null, failing.url());
            String formation = formations.created(
                    "Extensions", "SIDE_BY_SIDE_KYMA", held.get(0), held.get(1), held.get(2), retried);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(hanging.received()).hasSize(3);
                assertThat(statuses(formations.notifications(formation)).values())
                        .containsExactlyInAnyOrder("DELIVERING", "DELIVERING", "DELIVERING", "PENDING");
            });
            Map<String, String> outboxAtStop = statuses(formations.notifications(formation));

            first.close();
            hanging.release();

            ConfigurableApplicationContext second = start();
            try {
                Api api = api(second);
                FormationApi restarted = new FormationApi(api, Tenant.reconnect(api, tenant));
                assertThat(statuses(restarted.notifications(formation))).isEqualTo(outboxAtStop);

                TestClockConfiguration.CLOCK.advance(BACKOFF.plus(LEASE));
                for (String system : held) {
                    restarted.awaitState(formation, system, "READY");
                }
                restarted.awaitState(formation, retried, "READY");

                assertThat(statuses(restarted.notifications(formation)).keySet())
                        .as("nothing lost, nothing added")
                        .isEqualTo(outboxAtStop.keySet());
                assertThat(statuses(restarted.notifications(formation)).values())
                        .containsOnly("DONE");
                Map<String, Long> deliveries = hanging.received().stream()
                        .collect(Collectors.groupingBy(
                                ParticipantEndpoint.Received::notificationId, Collectors.counting()));
                assertThat(deliveries)
                        .as("each cut-off delivery made once more, by the second server")
                        .hasSize(3)
                        .containsOnlyKeys(outboxAtStop.entrySet().stream()
                                .filter(e -> e.getValue().equals("DELIVERING"))
                                .map(Map.Entry::getKey)
                                .toList())
                        .allSatisfy((id, count) -> assertThat(count).isEqualTo(2));
                assertThat(failing.received()).hasSize(2);
            } finally {
                second.close();
            }
        }
    }

    /** Starts a server; command-line arguments, because they take precedence over application.yml. */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MooringServer.class, TestClockConfiguration.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("mooring")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
                        "--mooring.bootstrap.admin-password=" + ServerTest.OPERATOR_PASSWORD,
                        "--mooring.bootstrap.password-file=",
                        "--mooring.secret-keys.keyset-file=" + data.resolve("secret-keyset.json"),
                        "--mooring.notifications.poll-interval=50ms",
                        "--mooring.connectivity.bind-address=127.0.0.1",
                        "--mooring.connectivity.proxy.http-port=0",
                        "--mooring.connectivity.proxy.socks5-port=0",
                        "--mooring.connectivity.tunnel.port=0",
                        "--mooring.notifications.request-timeout=30s",
                        "--mooring.notifications.lease=" + LEASE.toSeconds() + "s",
                        "--mooring.notifications.initial-backoff=" + BACKOFF.toMinutes() + "m",
                        "--mooring.notifications.max-backoff=" + BACKOFF.toMinutes() + "m",
                        "--logging.level.io.mooring=warn");
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Api("http://127.0.0.1:" + port);
    }

    private static Map<String, String> statuses(JsonNode notifications) {
        return notifications
                .valueStream()
                .collect(Collectors.toMap(
                        n -> n.path("id").asString(),
                        n -> n.path("status").asString(),
                        (a, b) -> a,
                        java.util.TreeMap::new));
    }
}
