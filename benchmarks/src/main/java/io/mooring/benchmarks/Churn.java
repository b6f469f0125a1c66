package io.mooring.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Assigns a system to a formation and unassigns it again, on every client, for a fixed time; the landscape ends as
 * it began. Each client changes only its own formations (every {@code clients}-th one), so the figures show the
 * cost of a change rather than clients queueing for the same formation's lock.
 */
final class Churn {
    /** Which formations change. */
    enum Kind {
        /** A random Commerce Cloud system joins and leaves one of the client's Side-by-Side Kyma formations. */
        SIDE_BY_SIDE_KYMA,
        /**
         * The client's Task Center system joins and leaves one of its empty Task Center formations: the type's
         * rules look up the other formations of the system.
         */
        TASK_CENTER_INTEGRATION
    }

    private final URI base;
    private final String token;
    private final int clients;
    private final Landscape landscape;

    Churn(URI base, String token, int clients, Landscape landscape) {
        this.base = base;
        this.token = token;
        this.clients = clients;
        this.landscape = landscape;
    }

    /** Changes formations of this kind for the given time and returns the latencies. */
    Latencies run(Kind kind, Duration duration) throws Exception {
        List<Latencies> perClient = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            perClient.add(new Latencies());
        }
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        Clients.run(base, clients, (client, connection) -> {
            while (System.nanoTime() < deadline) {
                switch (kind) {
                    case SIDE_BY_SIDE_KYMA -> kymaPair(client, connection, perClient.get(client));
                    case TASK_CENTER_INTEGRATION -> taskCenterPair(client, connection, perClient.get(client));
                }
            }
        });
        return Latencies.merge(perClient, System.nanoTime() - started);
    }

    private void kymaPair(int client, LoopbackConnection connection, Latencies latencies) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int owned = (landscape.formationCount() - client + clients - 1) / clients;
        Landscape.KymaFormation formation = landscape.formation(client + clients * random.nextInt(owned));
        int system = random.nextInt(landscape.systemCount());
        while (formation.holds(system)) {
            system = random.nextInt(landscape.systemCount());
        }
        pair(connection, formation.id(), landscape.system(system), latencies);
    }

    private void taskCenterPair(int client, LoopbackConnection connection, Latencies latencies) throws IOException {
        List<String> formations = landscape.taskCenterFormations(client);
        String formation = formations.get(ThreadLocalRandom.current().nextInt(formations.size()));
        pair(connection, formation, landscape.taskCenterSystem(client), latencies);
    }

    private void pair(LoopbackConnection connection, String formation, String system, Latencies latencies)
            throws IOException {
        String assignments = "/api/v1/formations/" + formation + "/assignments";
        long start = System.nanoTime();
        expect(connection.post(assignments, token, "{\"systemId\":\"" + system + "\"}"), 201, assignments);
        long assigned = System.nanoTime();
        expect(connection.delete(assignments + "/" + system, token), 204, assignments + "/" + system);
        latencies.record(assigned - start, System.nanoTime() - assigned);
    }

    private static void expect(LoopbackConnection.Response response, int status, String path) {
        if (response.status() != status) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
    }
}
