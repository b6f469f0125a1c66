package io.mooring.server.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.Bindings;
import io.mooring.server.testing.FormationApi;
import io.mooring.server.testing.ParticipantEndpoint;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
    /** Participants report here with the notification's status token; an access token of any account is no key. */
    private static final String STATUS_REPORTS = "/api/v1/formation-notifications/";

    private ParticipantEndpoint participant;

    @BeforeEach
    void startParticipant() {
        participant = ParticipantEndpoint.start().byDefault(ParticipantEndpoint.Reply.status(202));
    }

    @AfterEach
    void stopParticipant() {
        participant.close();
    }

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
                            Api.Response response =
                                    api.sendJson(method, path, intruder.adminToken, hijack(pattern, ids));
                            assertThat(response.status())
                                    .as(method + " " + path + " -> " + response)
                                    .isIn(pattern.startsWith(STATUS_REPORTS) ? List.of(401) : List.of(403, 404));
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
                "/api/v1/formations",
                "/api/v1/formation-types",
                "/api/v1/entitlement-assignments",
                "/api/v1/audit-events")) {
            String body = api.get(list, intruder.adminToken).text();
            ids.values().forEach(id -> assertThat(body).as(list).doesNotContain(id));
        }
    }

    /** The victim's system that is in its formation, for endpoints that address a member. */
    private static final String MEMBER = "member";

    /** The victim's destination service instance, its binding, and the name of its destinations and certificates. */
    private static final String INSTANCE = "instance";

    private static final String BINDING = "binding";

    /** The victim's connector registration in its subaccount. */
    private static final String CONNECTOR = "connector";

    private static final String VICTIM_NAME = "victim-destination";
    private static final String VICTIM_CERTIFICATE = "victim.pem";

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
        Bindings bindings = new Bindings(api, victim);
        String subaccount = ids.get("/api/v1/subaccounts/");
        String instance = bindings.instance(subaccount, "destination");
        ids.put(INSTANCE, instance);
        ids.put(BINDING, bindings.binding(subaccount, instance).path("id").asString());
        ids.put(CONNECTOR, victimConnector(victim, subaccount));
        for (String owner : List.of(
                "/api/v1/subaccounts/" + subaccount,
                "/api/v1/subaccounts/" + subaccount + "/service-instances/" + instance)) {
            assertThat(api.post(owner + "/destinations", victim.adminToken, victimDestination())
                            .status())
                    .isEqualTo(201);
            assertThat(api.post(owner + "/destination-certificates", victim.adminToken, victimCertificate())
                            .status())
                    .isEqualTo(201);
        }
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
        String member = victim.pairedSystem("Victim Commerce", "COMMERCE_CLOUD", null, participant.url());
        FormationApi formations = new FormationApi(api, victim);
        String formation = formations.created("Victim formation", "SIDE_BY_SIDE_KYMA", member);
        formations.awaitState(formation, member, "CONFIG_PENDING");
        ids.put("/api/v1/formations/", formation);
        ids.put(MEMBER, member);
        ids.put(
                STATUS_REPORTS,
                formations.notifications(formation).get(0).path("id").asString());
        api.post(
                "/api/v1/formation-types",
                victim.adminToken,
                Map.of("code", "VICTIM_FORMATION_TYPE", "displayName", "Victim formation type"));
        ids.put("/api/v1/formation-types/", "VICTIM_FORMATION_TYPE");
        ids.put(
                "/api/v1/entitlement-assignments/",
                api.post(
                                "/api/v1/entitlement-assignments",
                                victim.adminToken,
                                Map.of("systemId", member, "service", "kyma", "plan", "azure"))
                        .json()
                        .path("id")
                        .asString());
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
                "/api/v1/formations",
                "/api/v1/formation-types",
                "/api/v1/entitlement-assignments",
                "/api/v1/audit-events",
                "/api/v1/global-account")) {
            state.put(path, api.get(path, victim.adminToken).text());
        }
        for (String subaccount : api.get("/api/v1/subaccounts", victim.adminToken)
                .json()
                .valueStream()
                .map(node -> node.path("id").asString())
                .toList()) {
            String owner = "/api/v1/subaccounts/" + subaccount;
            state.put(
                    owner + "/destinations",
                    api.get(owner + "/destinations", victim.adminToken).text());
            state.put(
                    owner + "/service-instances",
                    api.get(owner + "/service-instances", victim.adminToken).text());
            state.put(
                    owner + "/connectors",
                    api.get(owner + "/connectors", victim.adminToken).text());
        }
        return state;
    }

    /** A valid body that would change the victim's object, were the intruder let through. */
    private static Map<String, Object> hijack(String pattern, Map<String, String> ids) {
        if (pattern.contains("/destinations")) {
            return victimDestination();
        }
        if (pattern.contains("/destination-certificates")) {
            return victimCertificate();
        }
        if (pattern.endsWith("/service-instances")) {
            return Map.of("name", "hijacked", "offering", "destination");
        }
        if (pattern.endsWith("/bindings")) {
            return Map.of("name", "hijacked");
        }
        if (pattern.contains("/connectors")) {
            return Map.of("locationId", "hijacked", "description", "hijacked");
        }
        if (pattern.startsWith("/api/v1/systems/")) {
            return Map.of("name", "hijacked", "labels", Map.of("owner", "intruder"));
        }
        if (pattern.startsWith("/api/v1/subaccounts/")) {
            return Map.of("displayName", "hijacked", "description", "hijacked");
        }
        if (pattern.startsWith("/api/v1/users/")) {
            return Map.of("roleCollections", List.of("Viewer"));
        }
        if (pattern.endsWith("/assignments")) {
            return Map.of("systemId", ids.get(MEMBER));
        }
        if (pattern.startsWith("/api/v1/formations/")) {
            return Map.of("name", "hijacked");
        }
        if (pattern.startsWith(STATUS_REPORTS)) {
            return Map.of("state", "ERROR", "error", "hijacked");
        }
        return Map.of();
    }

    private static String resolve(String pattern, Map<String, String> ids) {
        return ids.entrySet().stream()
                .filter(entry -> pattern.startsWith(entry.getKey()))
                .findFirst()
                .map(entry -> pattern.replaceFirst("\\{[^}]+}", entry.getValue())
                        .replace("{instanceId}", ids.get(INSTANCE))
                        .replace("{bindingId}", ids.get(BINDING))
                        .replace("{connectorId}", ids.get(CONNECTOR))
                        .replace("{name}", pattern.contains("certificates") ? VICTIM_CERTIFICATE : VICTIM_NAME)
                        .replaceAll("\\{[^}]+}", ids.get(MEMBER)))
                .orElseThrow(() -> new AssertionError("No victim object for " + pattern + "; add one to this test"));
    }

    private String victimConnector(Tenant victim, String subaccount) {
        Api.Response created = api.post(
                "/api/v1/subaccounts/" + subaccount + "/connectors",
                victim.adminToken,
                Map.of("locationId", "victim", "description", "Victim connector"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static Map<String, Object> victimDestination() {
        return Map.of(
                "Name", VICTIM_NAME,
                "Type", "HTTP",
                "URL", "https://victim.example.com",
                "Authentication", "BasicAuthentication",
                "User", "victim",
                "Password", "victim-password");
    }

    private static Map<String, Object> victimCertificate() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        return Map.of(
                "Name",
                VICTIM_CERTIFICATE,
                "Content",
                java.util.Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    private static List<String> methods(RequestMappingInfo info) {
        return info.getMethodsCondition().getMethods().stream()
                .map(RequestMethod::name)
                .toList();
    }
}
