package io.mooring.server.landscape.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.Pairings;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Many systems redeem one integration token at the same moment: exactly one pairs. */
abstract class TokenRedemptionRaceTests extends ServerTest {
    private static final int REDEEMERS = 50;

    @Test
    void fiftyConcurrentRedemptionsOfOneTokenShouldPairExactlyOnce() throws Exception {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("Raced", "S4HANA_CLOUD");
        CountDownLatch start = new CountDownLatch(1);
        List<Api.Response> responses;
        try (ExecutorService pool = Executors.newFixedThreadPool(REDEEMERS)) {
            List<Future<Api.Response>> futures = IntStream.range(0, REDEEMERS)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return api.post("/api/v1/pairing", null, Pairings.of(registration, "RACE-" + i));
                    }))
                    .toList();
            start.countDown();
            responses = futures.stream().map(TokenRedemptionRaceTests::join).toList();
        }

        Map<Integer, Long> byStatus =
                responses.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(200, 409).containsEntry(200, 1L).containsEntry(409, (long) REDEEMERS - 1);
        String winner = responses.stream()
                .filter(response -> response.status() == 200)
                .findFirst()
                .orElseThrow()
                .json()
                .path("credentials")
                .path("clientId")
                .asString();
        JsonNode system = api.get(
                        "/api/v1/systems/"
                                + registration.path("system").path("id").asString(),
                        tenant.adminToken)
                .json();
        assertThat(system.path("status").asString()).isEqualTo("REGISTERED");
        assertThat(system.path("version").asLong()).isEqualTo(2);
        assertThat(winner).endsWith(system.path("id").asString());
        JsonNode pairings = api.get("/api/v1/audit-events?action=system.pair", tenant.adminToken)
                .json();
        assertThat(pairings.path("items")).hasSize(1);
    }

    private static Api.Response join(Future<Api.Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
