package io.mooring.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account a formation load works on, built through the public API and remembered by the driver: Commerce Cloud
 * systems, Side-by-Side Kyma formations that each start with a few of them, and for every client one Task Center
 * system with a few empty Task Center formations of its own. It grows concurrently, and only grows.
 */
final class Landscape {
    static final int TASK_CENTER_FORMATIONS_PER_CLIENT = 4;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final int clients;
    private final int membersPerFormation;
    private final List<String> systems = new ArrayList<>();
    private final List<KymaFormation> formations = new ArrayList<>();
    private final List<String> taskCenterSystems = new ArrayList<>();
    private final List<String> taskCenterFormations = new ArrayList<>();

    /** A formation and the systems it started with, as indexes into the landscape's systems. */
    record KymaFormation(String id, int[] members) {
        boolean holds(int system) {
            return Arrays.stream(members).anyMatch(m -> m == system);
        }
    }

    Landscape(URI base, String token, int clients, int membersPerFormation) {
        this.base = base;
        this.token = token;
        this.clients = clients;
        this.membersPerFormation = membersPerFormation;
    }

    /** Registers Commerce Cloud systems until the account holds {@code count}. */
    void registerSystems(int count) throws Exception {
        int from = systems.size();
        systems.addAll(create(count - from, (i, c) -> register("bench-commerce-" + (from + i), "COMMERCE_CLOUD", c)));
    }

    /** Registers one Task Center system per client and creates the clients' empty Task Center formations. */
    void createTaskCenterPart() throws Exception {
        taskCenterSystems.addAll(create(clients, (i, c) -> register("bench-task-center-" + i, "TASK_CENTER", c)));
        taskCenterFormations.addAll(create(clients * TASK_CENTER_FORMATIONS_PER_CLIENT, this::taskCenterFormation));
    }

    /** Creates Side-by-Side Kyma formations until the account holds {@code count}. */
    void growTo(int count) throws Exception {
        int from = formations.size();
        int[][] members = new int[count - from][];
        for (int i = 0; i < members.length; i++) {
            members[i] = pick(from + i);
        }
        List<String> ids = create(members.length, (i, c) -> kymaFormation(from + i, members[i], c));
        for (int i = 0; i < ids.size(); i++) {
            formations.add(new KymaFormation(ids.get(i), members[i]));
        }
    }

    int systemCount() {
        return systems.size();
    }

    String system(int index) {
        return systems.get(index);
    }

    int formationCount() {
        return formations.size();
    }

    KymaFormation formation(int index) {
        return formations.get(index);
    }

    int taskCenterFormationCount() {
        return taskCenterFormations.size();
    }

    String taskCenterSystem(int client) {
        return taskCenterSystems.get(client);
    }

    /** The client's own Task Center formations: no other client assigns to them. */
    List<String> taskCenterFormations(int client) {
        int first = client * TASK_CENTER_FORMATIONS_PER_CLIENT;
        return taskCenterFormations.subList(first, first + TASK_CENTER_FORMATIONS_PER_CLIENT);
    }

    /** Distinct random systems for the formation with this index; the same ones on every run. */
    private int[] pick(int formation) {
        return new SplittableRandom(formation)
                .ints(0, systems.size())
                .distinct()
                .limit(membersPerFormation)
                .toArray();
    }

    private String register(String name, String type, LoopbackConnection connection) throws IOException {
        String body = "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
        return send(connection, "/api/v1/systems", body)
                .path("system")
                .path("id")
                .asString();
    }

    private String kymaFormation(int index, int[] members, LoopbackConnection connection) throws IOException {
        String ids = Arrays.stream(members)
                .mapToObj(m -> "\"" + systems.get(m) + "\"")
                .collect(Collectors.joining(","));
        String body =
                "{\"name\":\"bench-kyma-" + index + "\",\"type\":\"SIDE_BY_SIDE_KYMA\",\"systemIds\":[" + ids + "]}";
        return send(connection, "/api/v1/formations", body).path("id").asString();
    }

    private String taskCenterFormation(int index, LoopbackConnection connection) throws IOException {
        String body = "{\"name\":\"bench-task-center-" + index + "\",\"type\":\"TASK_CENTER_INTEGRATION\","
                + "\"systemIds\":[]}";
        return send(connection, "/api/v1/formations", body).path("id").asString();
    }

    private JsonNode send(LoopbackConnection connection, String path, String body) throws IOException {
        LoopbackConnection.Response response = connection.post(path, token, body);
        if (response.status() != 201) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Makes {@code count} things on all clients at once and returns their ids in index order. */
    private List<String> create(int count, Creation creation) throws Exception {
        String[] ids = new String[Math.max(count, 0)];
        AtomicInteger next = new AtomicInteger();
        Clients.run(base, clients, (client, connection) -> {
            for (int i = next.getAndIncrement(); i < ids.length; i = next.getAndIncrement()) {
                ids[i] = creation.create(i, connection);
            }
        });
        return List.of(ids);
    }

    @FunctionalInterface
    private interface Creation {
        String create(int index, LoopbackConnection connection) throws IOException;
    }
}
