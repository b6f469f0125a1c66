package io.mooring.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Formations of one tenant, through the public API. */
public final class FormationApi {
    public static final String TASK_CENTER = "TASK_CENTER_INTEGRATION";

    private final Api api;
    private final Tenant tenant;

    public FormationApi(Api api, Tenant tenant) {
        this.api = api;
        this.tenant = tenant;
    }

    public Api.Response create(String name, String type, String... systemIds) {
        return api.post(
                "/api/v1/formations",
                tenant.adminToken,
                Map.of("name", name, "type", type, "systemIds", List.of(systemIds)));
    }

    /** Creates a formation that must be accepted; returns its id. */
    public String created(String name, String type, String... systemIds) {
        Api.Response response = create(name, type, systemIds);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    public Api.Response assign(String formationId, String systemId) {
        return api.post(
                "/api/v1/formations/" + formationId + "/assignments", tenant.adminToken, Map.of("systemId", systemId));
    }

    public Api.Response unassign(String formationId, String systemId) {
        return api.delete("/api/v1/formations/" + formationId + "/assignments/" + systemId, tenant.adminToken);
    }

    public JsonNode get(String formationId) {
        Api.Response response = api.get("/api/v1/formations/" + formationId, tenant.adminToken);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    public JsonNode notifications(String formationId) {
        return api.get("/api/v1/formations/" + formationId + "/notifications", tenant.adminToken)
                .json();
    }

    /** The state of the system's assignment, or "GONE" when it is not in the formation. */
    public String state(String formationId, String systemId) {
        Api.Response response =
                api.get("/api/v1/formations/" + formationId + "/assignments/" + systemId, tenant.adminToken);
        return response.status() == 404 ? "GONE" : response.json().path("state").asString();
    }

    public void awaitState(String formationId, String systemId, String state) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(25))
                .untilAsserted(() -> assertThat(state(formationId, systemId)).isEqualTo(state));
    }

    /** The kinds of the rules a refusal names. */
    public static List<String> violatedRules(Api.Response refusal) {
        assertThat(refusal.status()).as(refusal.toString()).isEqualTo(409);
        assertThat(refusal.problemType()).isEqualTo("urn:mooring:problem:formation-rules-violated");
        return refusal.json()
                .path("violations")
                .valueStream()
                .map(v -> v.path("rule").asString())
                .toList();
    }

    /** The names of the systems a refusal names, over all its violations. */
    public static List<String> offendingSystems(Api.Response refusal) {
        return refusal.json()
                .path("violations")
                .valueStream()
                .flatMap(v -> v.path("systems").valueStream())
                .map(s -> s.path("name").asString())
                .toList();
    }
}
