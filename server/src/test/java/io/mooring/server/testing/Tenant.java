package io.mooring.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A global account made for one test, with its administrator's token and helpers to act in it. */
public final class Tenant {
    public static final String PASSWORD = "a-long-test-password";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Api api;
    public final String id;
    public final String adminToken;

    private Tenant(Api api, String id, String adminToken) {
        this.api = api;
        this.id = id;
        this.adminToken = adminToken;
    }

    public static Tenant create(Api api) {
        String unique = UUID.randomUUID().toString().substring(0, 8) + "-" + COUNTER.incrementAndGet();
        String admin = "admin-" + unique;
        Api.Response created = api.post(
                "/api/v1/global-accounts",
                operatorToken(api),
                Map.of(
                        "displayName",
                        "Account " + unique,
                        "administrator",
                        Map.of("username", admin, "password", PASSWORD)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Tenant(api, created.json().path("id").asString(), login(api, admin, PASSWORD));
    }

    /** The same account, reached through another server on the same database. */
    public static Tenant reconnect(Api api, Tenant tenant) {
        return new Tenant(api, tenant.id, tenant.adminToken);
    }

    public static String operatorToken(Api api) {
        return login(api, ServerTest.OPERATOR, ServerTest.OPERATOR_PASSWORD);
    }

    public static String login(Api api, String username, String password) {
        Api.Response response = api.form(
                "/oauth/token", Map.of("grant_type", "password", "username", username, "password", password), Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("access_token").asString();
    }

    /** A new user of this account holding these role collections, logged in. */
    public String userToken(String... roleCollections) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 12);
        Api.Response created = api.post(
                "/api/v1/users",
                adminToken,
                Map.of("username", username, "password", PASSWORD, "roleCollections", List.of(roleCollections)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return login(api, username, PASSWORD);
    }

    /** Registers a system and returns the answer: the system and its integration token. */
    public JsonNode register(String name, String type) {
        Api.Response response = api.post("/api/v1/systems", adminToken, Map.of("name", name, "type", type));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Registers and pairs a system with client credentials; returns the system's id. */
    public String registeredSystem(String name, String systemNumber) {
        JsonNode registration = register(name, "S4HANA_CLOUD");
        Api.Response paired = api.post("/api/v1/pairing", null, Pairings.of(registration, systemNumber));
        assertThat(paired.status()).as(paired.toString()).isEqualTo(200);
        return registration.path("system").path("id").asString();
    }

    /** Registers a system of this type, left Pending; returns its id. */
    public String system(String name, String type) {
        return register(name, type).path("system").path("id").asString();
    }

    /**
     * Registers and pairs a system; returns its id.
     *
     * @param scenarioGroup the communication scenario group (S/4HANA Cloud), or null for the default
     * @param notificationUrl where it receives formation notifications, or null for none
     */
    public String pairedSystem(
            String name, String type, @Nullable String scenarioGroup, @Nullable String notificationUrl) {
        Map<String, Object> request = new HashMap<>(Map.of("name", name, "type", type));
        if (scenarioGroup != null) {
            request.put("communicationScenarioGroup", scenarioGroup);
        }
        Api.Response registered = api.post("/api/v1/systems", adminToken, request);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Map<String, Object> pairing = Pairings.of(registered.json(), "SN-" + UUID.randomUUID());
        pairing.put("notificationUrl", notificationUrl);
        Api.Response paired = api.post("/api/v1/pairing", null, pairing);
        assertThat(paired.status()).as(paired.toString()).isEqualTo(200);
        return registered.json().path("system").path("id").asString();
    }
}
