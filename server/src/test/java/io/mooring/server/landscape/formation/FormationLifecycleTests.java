package io.mooring.server.landscape.formation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.FormationApi;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Formations through their whole life over HTTP: create, list, read, rename, delete; custom formation types with
 * their own rules; deregistration refused while a system is in a formation or entitled; bad input refused with a
 * clear problem and nothing written.
 */
abstract class FormationLifecycleTests extends ServerTest {
    private static final String KYMA = "SIDE_BY_SIDE_KYMA";

    private Tenant tenant;
    private FormationApi formations;

    @BeforeEach
    void account() {
        tenant = newTenant();
        formations = new FormationApi(api, tenant);
    }

    @Test
    void formationsShouldBeListedByNameAcrossPagesWithTheirStatus() {
        List<String> created = new ArrayList<>();
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            created.add(formations.created(name, KYMA, tenant.system("System " + name, "COMMERCE_CLOUD")));
        }

        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/api/v1/formations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                            tenant.adminToken)
                    .json();
            page.path("items").forEach(f -> {
                names.add(f.path("name").asString());
                assertThat(f.path("status").asString()).isEqualTo("READY");
                assertThat(f.path("memberCount").asInt()).isEqualTo(1);
            });
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);

        assertThat(names).containsExactly("Alpha", "Bravo", "charlie", "delta", "echo");
        assertThat(api.get("/api/v1/formations?type=TASK_CENTER_INTEGRATION", tenant.adminToken)
                        .json()
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void renamingShouldKeepNamesUniqueAndHonourIfMatch() {
        String first = formations.created("Extensions", KYMA);
        formations.created("Integrations", KYMA);
        Api.Response read = api.get("/api/v1/formations/" + first, tenant.adminToken);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");

        Api.Response taken = formations.create("EXTENSIONS", KYMA);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.problemType()).isEqualTo("urn:mooring:problem:name-taken");
        Api.Response clash =
                api.patch("/api/v1/formations/" + first, tenant.adminToken, Map.of("name", "integrations"));
        assertThat(clash.problemType()).isEqualTo("urn:mooring:problem:name-taken");

        Api.Response renamed = rename(first, "\"1\"", "Extensions EU");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");

        Api.Response stale = rename(first, "\"1\"", "Lost update");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(formations.get(first).path("name").asString()).isEqualTo("Extensions EU");
    }

    @Test
    void deletingShouldBeRefusedWhileMembersRemainUnlessTheyAreUnassigned() {
        String commerce = tenant.system("Commerce", "COMMERCE_CLOUD");
        String formation = formations.created("Extensions", KYMA, commerce);

        Api.Response refused = api.delete("/api/v1/formations/" + formation, tenant.adminToken);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("unassignMembers=true");
        assertThat(formations.state(formation, commerce)).isEqualTo("READY");

        Api.Response deleted =
                api.delete("/api/v1/formations/" + formation + "?unassignMembers=true", tenant.adminToken);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api.get("/api/v1/formations/" + formation, tenant.adminToken).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/systems/" + commerce, tenant.adminToken).status())
                .isEqualTo(204);
    }

    @Test
    void aSystemShouldNotBeDeregisteredWhileInAFormationOrEntitled() {
        String commerce = tenant.system("Commerce", "COMMERCE_CLOUD");
        String formation = formations.created("Extensions", KYMA, commerce);
        Api.Response entitled = api.post(
                "/api/v1/entitlement-assignments",
                tenant.adminToken,
                Map.of("systemId", commerce, "service", "kyma", "plan", "azure", "amount", 2));
        assertThat(entitled.status()).as(entitled.toString()).isEqualTo(201);

        Api.Response blocked = api.delete("/api/v1/systems/" + commerce, tenant.adminToken);
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.problemType()).isEqualTo("urn:mooring:problem:deregistration-blocked");
        assertThat(blocked.json().path("blockedBy").toString())
                .contains("formation 'Extensions'")
                .contains("entitlement 'kyma/azure'");

        formations.unassign(formation, commerce);
        Api.Response stillEntitled = api.delete("/api/v1/systems/" + commerce, tenant.adminToken);
        assertThat(stillEntitled.json().path("blockedBy").toString()).doesNotContain("formation");

        Api.Response duplicate = api.post(
                "/api/v1/entitlement-assignments",
                tenant.adminToken,
                Map.of("systemId", commerce, "service", "kyma", "plan", "azure"));
        assertThat(duplicate.status()).isEqualTo(409);
        JsonNode listed = api.get("/api/v1/entitlement-assignments?systemId=" + commerce, tenant.adminToken)
                .json();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(api.delete(
                                "/api/v1/entitlement-assignments/"
                                        + listed.get(0).path("id").asString(),
                                tenant.adminToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/v1/systems/" + commerce, tenant.adminToken).status())
                .isEqualTo(204);
    }

    @Test
    void aCustomFormationTypeShouldEnforceItsOwnRules() {
        Map<String, Object> type = Map.of(
                "code", "COMMERCE_PAIR",
                "displayName", "Commerce pair",
                "rules",
                        List.of(
                                Map.of("kind", "allowed-system-types", "systemTypes", List.of("COMMERCE_CLOUD")),
                                Map.of(
                                        "kind",
                                        "system-count",
                                        "systemType",
                                        "COMMERCE_CLOUD",
                                        "minimum",
                                        2,
                                        "maximum",
                                        3)));
        Api.Response defined = api.post("/api/v1/formation-types", tenant.adminToken, type);
        assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
        assertThat(defined.json().path("rules").get(1).path("description").asString())
                .isEqualTo("A formation holds between 2 and 3 systems of type COMMERCE_CLOUD.");
        assertThat(api.get("/api/v1/formation-types/COMMERCE_PAIR", tenant.adminToken)
                        .json()
                        .path("rules")
                        .toString())
                .isEqualTo(defined.json().path("rules").toString());
        String a = tenant.system("Shop A", "COMMERCE_CLOUD");
        String b = tenant.system("Shop B", "COMMERCE_CLOUD");

        Api.Response tooFew = formations.create("Pair", "COMMERCE_PAIR", a);
        assertThat(FormationApi.violatedRules(tooFew)).containsExactly("system-count");
        String formation = formations.created("Pair", "COMMERCE_PAIR", a, b);
        Api.Response wouldBreak = formations.unassign(formation, a);
        assertThat(FormationApi.violatedRules(wouldBreak)).containsExactly("system-count");
        assertThat(FormationApi.offendingSystems(wouldBreak)).containsExactly("Shop A");

        Api.Response inUse = api.delete("/api/v1/formation-types/COMMERCE_PAIR", tenant.adminToken);
        assertThat(inUse.status()).isEqualTo(409);
        api.delete("/api/v1/formations/" + formation + "?unassignMembers=true", tenant.adminToken);
        assertThat(api.delete("/api/v1/formation-types/COMMERCE_PAIR", tenant.adminToken)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void badFormationTypesShouldBeRefusedWithWhatIsWrong() {
        assertInvalid(
                Map.of(
                        "code", "BROKEN",
                        "displayName", "Broken",
                        "rules", List.of(Map.of("kind", "system-count", "systemType", "NO_SUCH_TYPE", "maximum", 1))),
                "NO_SUCH_TYPE");
        assertInvalid(
                Map.of("code", "BROKEN", "displayName", "Broken", "rules", List.of(Map.of("kind", "no-such-kind"))),
                "no-such-kind");
        assertInvalid(
                Map.of(
                        "code", "BROKEN",
                        "displayName", "Broken",
                        "rules",
                                List.of(Map.of(
                                        "kind",
                                        "system-count",
                                        "systemType",
                                        "COMMERCE_CLOUD",
                                        "minimum",
                                        3,
                                        "maximum",
                                        1))),
                "minimum (3) is larger than its maximum (1)");
        assertInvalid(Map.of("code", "lower", "displayName", "Broken"), "code");
        Api.Response builtIn = api.post(
                "/api/v1/formation-types",
                tenant.adminToken,
                Map.of("code", "TASK_CENTER_INTEGRATION", "displayName", "Mine"));
        assertThat(builtIn.problemType()).isEqualTo("urn:mooring:problem:name-taken");
        assertThat(api.get("/api/v1/formation-types", tenant.adminToken).json().size())
                .isEqualTo(3);
    }

    @Test
    void badFormationRequestsShouldBeRefusedAndWriteNothing() {
        String before = api.get("/api/v1/formations", tenant.adminToken).text();
        Tenant other = newTenant();
        String foreign = other.system("Foreign", "COMMERCE_CLOUD");

        assertThat(api.post("/api/v1/formations", tenant.adminToken, Map.of("type", KYMA))
                        .problemType())
                .isEqualTo("urn:mooring:problem:invalid-input");
        assertThat(formations.create("Caf\u00e9", KYMA).problemType()).isEqualTo("urn:mooring:problem:invalid-input");
        Api.Response unknownType = formations.create("Extensions", "NO_SUCH_TYPE");
        assertThat(unknownType.problemType()).isEqualTo("urn:mooring:problem:invalid-input");
        assertThat(unknownType.json().path("detail").asString()).contains("TASK_CENTER_INTEGRATION");
        Api.Response foreignSystem = formations.create("Extensions", KYMA, foreign);
        assertThat(foreignSystem.status()).isEqualTo(404);
        assertThat(foreignSystem.json().path("detail").asString()).contains(foreign);
        assertThat(api.post(
                                "/api/v1/formations",
                                tenant.adminToken,
                                Map.of("name", "x", "type", KYMA, "systemIds", List.of("not-a-uuid")))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/formations",
                                tenant.adminToken,
                                Map.of("name", "x", "type", KYMA, "colour", "blue"))
                        .json()
                        .path("detail")
                        .asString())
                .contains("colour");
        assertThat(api.get("/api/v1/formations", tenant.adminToken).text()).isEqualTo(before);

        String formation = formations.created("Extensions", KYMA);
        assertThat(formations.assign(formation, foreign).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/formations/" + formation + "/assignments", tenant.adminToken, Map.of())
                        .problemType())
                .isEqualTo("urn:mooring:problem:invalid-input");
        assertThat(formations.unassign(formation, foreign).status()).isEqualTo(404);
        assertThat(formations.get(formation).path("assignments").size()).isZero();
    }

    @Test
    void assigningAMemberAgainShouldChangeNothing() {
        String commerce = tenant.system("Commerce", "COMMERCE_CLOUD");
        String formation = formations.created("Extensions", KYMA);

        assertThat(formations.assign(formation, commerce).status()).isEqualTo(201);
        Api.Response again = formations.assign(formation, commerce);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("state").asString()).isEqualTo("READY");
        assertThat(formations.get(formation).path("assignments").size()).isEqualTo(1);
    }

    @Test
    void changesShouldBeAuditedAndViewersShouldOnlyRead() {
        String commerce = tenant.system("Commerce", "COMMERCE_CLOUD");
        String formation = formations.created("Extensions", KYMA);
        formations.assign(formation, commerce);
        formations.unassign(formation, commerce);
        String viewer = tenant.userToken("Viewer");

        assertThat(api.get("/api/v1/formations/" + formation, viewer).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/formations/" + formation + "/assignments", viewer, Map.of("systemId", commerce))
                        .status())
                .isEqualTo(403);
        JsonNode events = api.get("/api/v1/audit-events?targetId=" + formation, tenant.adminToken)
                .json()
                .path("items");
        assertThat(events.valueStream().map(e -> e.path("action").asString()))
                .contains("formation.create", "formation.assign", "formation.unassign");
    }

    private Api.Response rename(String formation, String ifMatch, String name) {
        return api.send(api.request("/api/v1/formations/" + formation, tenant.adminToken)
                .header("If-Match", ifMatch)
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                Api.JSON.writeValueAsString(Map.of("name", name)))));
    }

    private void assertInvalid(Map<String, Object> type, String mentioned) {
        Api.Response refused = api.post("/api/v1/formation-types", tenant.adminToken, type);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text()).contains(mentioned).doesNotContain("at io.mooring");
    }
}
