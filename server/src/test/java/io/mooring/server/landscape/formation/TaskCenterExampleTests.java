package io.mooring.server.landscape.formation;

import static io.mooring.server.testing.FormationApi.TASK_CENTER;
import static io.mooring.server.testing.FormationApi.offendingSystems;
import static io.mooring.server.testing.FormationApi.violatedRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.FormationApi;
import io.mooring.server.testing.ParticipantEndpoint;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Task Center example of SAP's guide, through the public API: each rule of "Integration with SAP Task Center"
 * broken once and kept once, all broken at once, and the effect that joining enables SAP_COM_0501 on the S/4HANA
 * Cloud system and leaving disables it.
 */
abstract class TaskCenterExampleTests extends ServerTest {
    private static final String ALL = "All Communication Scenarios";

    private ParticipantEndpoint s4Endpoint;
    private Tenant tenant;
    private FormationApi formations;
    private String taskCenterEu;
    private String taskCenterUs;
    private String s4;
    private String s4WithGroup;
    private String s4Pending;
    private String successFactors;

    @BeforeEach
    void landscape() {
        s4Endpoint = ParticipantEndpoint.start();
        tenant = newTenant();
        formations = new FormationApi(api, tenant);
        taskCenterEu = tenant.system("Task Center EU", "TASK_CENTER");
        taskCenterUs = tenant.system("Task Center US", "TASK_CENTER");
        s4 = tenant.pairedSystem("S/4HANA Production", "S4HANA_CLOUD", ALL, s4Endpoint.url());
        s4WithGroup = tenant.pairedSystem("S/4HANA Finance", "S4HANA_CLOUD", "Finance Only", null);
        s4Pending = tenant.system("S/4HANA Sandbox", "S4HANA_CLOUD");
        successFactors = tenant.pairedSystem("SuccessFactors", "SUCCESSFACTORS", null, null);
    }

    @AfterEach
    void stopEndpoint() {
        s4Endpoint.close();
    }

    @Test
    void onlyAllowedSystemTypesShouldJoin() {
        Api.Response refused = formations.create("Tasks", TASK_CENTER, taskCenterEu, successFactors);
        assertThat(violatedRules(refused)).containsExactly("allowed-system-types");
        assertThat(offendingSystems(refused)).containsExactly("SuccessFactors");
        assertThat(refused.json().path("detail").asString()).contains("'SuccessFactors'");

        formations.created("Tasks", TASK_CENTER, taskCenterEu, s4);
    }

    @Test
    void aTaskCenterSystemShouldBeInAtMostOneTaskCenterFormation() {
        formations.created("Tasks EU", TASK_CENTER, taskCenterEu);

        Api.Response refused = formations.create("Tasks again", TASK_CENTER, taskCenterEu);
        assertThat(violatedRules(refused)).containsExactly("at-most-one-formation-per-system");
        assertThat(offendingSystems(refused)).containsExactly("Task Center EU");
        assertThat(refused.json().path("detail").asString()).contains("'Tasks EU'");

        formations.created("Tasks US", TASK_CENTER, taskCenterUs);
    }

    @Test
    void aTaskCenterFormationShouldHoldAtMostOneTaskCenterSystem() {
        String formation = formations.created("Tasks", TASK_CENTER, taskCenterEu);

        Api.Response refused = formations.assign(formation, taskCenterUs);
        assertThat(violatedRules(refused)).containsExactly("system-count");
        assertThat(offendingSystems(refused)).containsExactly("Task Center US");

        formations.unassign(formation, taskCenterEu);
        assertThat(formations.assign(formation, taskCenterUs).status()).isEqualTo(201);
    }

    @Test
    void onlyS4SystemsWithAllCommunicationScenariosShouldJoin() {
        String formation = formations.created("Tasks", TASK_CENTER, taskCenterEu);

        Api.Response refused = formations.assign(formation, s4WithGroup);
        assertThat(violatedRules(refused)).containsExactly("required-scenario-group");
        assertThat(offendingSystems(refused)).containsExactly("S/4HANA Finance");

        assertThat(formations.assign(formation, s4).status()).isEqualTo(201);
    }

    @Test
    void s4SystemsShouldBeRegisteredBeforeJoining() {
        String formation = formations.created("Tasks", TASK_CENTER, taskCenterEu);

        Api.Response refused = formations.assign(formation, s4Pending);
        assertThat(violatedRules(refused)).containsExactly("registered-before-joining");
        assertThat(offendingSystems(refused)).containsExactly("S/4HANA Sandbox");

        assertThat(formations.assign(formation, s4).status()).isEqualTo(201);
    }

    @Test
    void everyBrokenRuleShouldBeReportedAtOnce() {
        formations.created("Tasks EU", TASK_CENTER, taskCenterEu);

        Api.Response refused = formations.create(
                "Everything wrong", TASK_CENTER, taskCenterEu, taskCenterUs, s4WithGroup, s4Pending, successFactors);

        assertThat(violatedRules(refused))
                .containsExactlyInAnyOrder(
                        "allowed-system-types",
                        "at-most-one-formation-per-system",
                        "system-count",
                        "required-scenario-group",
                        "registered-before-joining");
        assertThat(offendingSystems(refused))
                .contains("SuccessFactors", "Task Center EU", "Task Center US", "S/4HANA Finance", "S/4HANA Sandbox");
        assertThat(api.get("/api/v1/formations", tenant.adminToken)
                        .json()
                        .path("items")
                        .size())
                .as("a refused create leaves nothing behind")
                .isEqualTo(1);
    }

    @Test
    void joiningShouldEnableTheCommunicationScenarioAndLeavingDisableIt() {
        String formation = formations.created("Tasks", TASK_CENTER, taskCenterEu, s4);

        formations.awaitState(formation, s4, "READY");
        JsonNode assignment = api.get("/api/v1/formations/" + formation + "/assignments/" + s4, tenant.adminToken)
                .json();
        assertThat(assignment.path("communicationScenarios").toString()).isEqualTo("[\"SAP_COM_0501\"]");
        JsonNode joined = s4Endpoint.received().getFirst().body();
        assertThat(joined.path("operation").asString()).isEqualTo("assign");
        assertThat(joined.path("communicationScenarios").path("enable").toString())
                .isEqualTo("[\"SAP_COM_0501\"]");
        assertThat(joined.path("participants")
                        .valueStream()
                        .map(p -> p.path("name").asString()))
                .containsExactlyInAnyOrder("Task Center EU", "S/4HANA Production");
        assertThat(formations.get(formation).path("status").asString()).isEqualTo("READY");

        assertThat(formations.unassign(formation, s4).status()).isEqualTo(202);
        formations.awaitState(formation, s4, "GONE");
        JsonNode left = s4Endpoint.received().getLast().body();
        assertThat(left.path("operation").asString()).isEqualTo("unassign");
        assertThat(left.path("communicationScenarios").path("disable").toString())
                .isEqualTo("[\"SAP_COM_0501\"]");
    }
}
