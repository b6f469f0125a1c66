package io.mooring.server.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every management endpoint that addresses one object, called by another global account's administrator with a
 * body that would change it, answers 403 or 404 and changes nothing; lists never show another account's objects.
 * The endpoints are taken from the server itself, so a new endpoint without a case here fails this test.
 */
abstract class TenantIsolationTests extends ServerTest {
    /** Valid bodies that would change the victim's object, were the intruder let through. */
    private static final Map<String, Map<String, Object>> HIJACK = Map.of(
            "/api/v1/systems/", Map.of("name", "hijacked", "labels", Map.of("owner", "intruder")),
            "/api/v1/subaccounts/", Map.of("displayName", "hijacked", "description", "hijacked"),
            "/api/v1/users/", Map.of("roleCollections", List.of("Viewer")));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void anotherAccountsAdministratorShouldNeitherSeeNorChangeAnything() {
        Tenant victim = newTenant();
        Map<String, String> ids = victimObjects(victim);
        Map<String, String> before = snapshot(victim);
        Tenant intruder = newTenant();

        List<String> called = new ArrayList<>();
        mappings.getHandlerMethods().keySet().stream()
                .filter(info -> !info.getPatternValues().isEmpty())
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/v1/") && pattern.contains("{"))
                        .forEach(pattern -> methods(info).forEach(method -> {
                            String path = resolve(pattern, ids);
                            Api.Response response = api.sendJson(method, path, intruder.adminToken, hijack(pattern));
                            assertThat(response.status())
                                    .as(method + " " + path + " -> " + response)
                                    .isIn(403, 404);
                            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                            called.add(method + " " + pattern);
                        })));

        assertThat(called).hasSizeGreaterThanOrEqualTo(10);
        assertThat(snapshot(victim)).isEqualTo(before);
        for (String list : List.of(
                "/api/v1/systems",
                "/api/v1/subaccounts",
                "/api/v1/users",
                "/api/v1/api-clients",
                "/api/v1/system-types",
                "/api/v1/audit-events")) {
            String body = api.get(list, intruder.adminToken).text();
            ids.values().forEach(id -> assertThat(body).as(list).doesNotContain(id));
        }
    }

    private Map<String, String> victimObjects(Tenant victim) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(
                "/api/v1/systems/",
                victim.register("Victim S4", "S4HANA_CLOUD")
                        .path("system")
                        .path("id")
                        .asString());
        ids.put(
                "/api/v1/subaccounts/",
                api.post(
                                "/api/v1/subaccounts",
                                victim.adminToken,
                                Map.of("displayName", "Victim sub", "subdomain", "victim-" + victim.id.substring(0, 8)))
                        .json()
                        .path("id")
                        .asString());
        JsonNode users = api.get("/api/v1/users", victim.adminToken).json();
        ids.put("/api/v1/users/", users.get(0).path("id").asString());
        ids.put(
                "/api/v1/api-clients/",
                api.post(
                                "/api/v1/api-clients",
                                victim.adminToken,
                                Map.of("description", "victim client", "roleCollections", List.of("Viewer")))
                        .json()
                        .path("clientId")
                        .asString());
        api.post(
                "/api/v1/system-types", victim.adminToken, Map.of("code", "VICTIM_TYPE", "displayName", "Victim type"));
        ids.put("/api/v1/system-types/", "VICTIM_TYPE");
        return ids;
    }

    private Map<String, String> snapshot(Tenant victim) {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of(
                "/api/v1/systems",
                "/api/v1/subaccounts",
                "/api/v1/users",
                "/api/v1/api-clients",
                "/api/v1/system-types",
                "/api/v1/audit-events",
                "/api/v1/global-account")) {
            state.put(path, api.get(path, victim.adminToken).text());
        }
        return state;
    }

    private static Map<String, Object> hijack(String pattern) {
        return HIJACK.entrySet().stream()
                .filter(entry -> pattern.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(Map.of());
    }

    private static String resolve(String pattern, Map<String, String> ids) {
        return ids.entrySet().stream()
                .filter(entry -> pattern.startsWith(entry.getKey()))
                .findFirst()
                .map(entry -> pattern.replaceFirst("\\{[^}]+}", entry.getValue()))
                .orElseThrow(() -> new AssertionError("No victim object for " + pattern + "; add one to this test"));
    }

    private static List<String> methods(RequestMappingInfo info) {
        return info.getMethodsCondition().getMethods().stream()
                .map(RequestMethod::name)
                .toList();
    }
}
