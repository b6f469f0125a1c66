package io.mooring.server.landscape.formation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.FormationApi;
import io.mooring.server.testing.ParticipantEndpoint;
import io.mooring.server.testing.ParticipantEndpoint.Reply;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Notifications delivered to real HTTP endpoints on loopback that fail, time out, refuse, answer later and recover.
 * Retries are made due by moving the server's clock past their backoff rather than by waiting for it, and every
 * step is observed through the API, none waited for by sleeping.
 */
abstract class NotificationDeliveryTests extends ServerTest {
    private static final Duration PAST_ANY_BACKOFF = Duration.ofSeconds(5);

    private ParticipantEndpoint kyma;
    private ParticipantEndpoint commerce;
    private Tenant tenant;
    private FormationApi formations;
    private String kymaSystem;
    private String commerceSystem;

    @BeforeEach
    void landscape() {
        kyma = ParticipantEndpoint.start();
        commerce = ParticipantEndpoint.start();
        tenant = newTenant();
        formations = new FormationApi(api, tenant);
        kymaSystem = tenant.pairedSystem("S/4HANA", "S4HANA_CLOUD", null, kyma.url());
        commerceSystem = tenant.pairedSystem("Commerce", "COMMERCE_CLOUD", null, commerce.url());
    }

    @AfterEach
    void stopEndpoints() {
        kyma.close();
        commerce.close();
    }

    @Test
    void aParticipantThatFailsThenTimesOutThenRecoversShouldEndReady() {
        kyma.thenReply(Reply.status(503), Reply.after(Duration.ofSeconds(3)));
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA", kymaSystem);

        JsonNode first = awaitNotification(formation, failedAttempt(1));
        assertThat(first.path("status").asString()).isEqualTo("PENDING");
        assertThat(first.path("lastError").asString()).contains("503");
        assertThat(formations.state(formation, kymaSystem)).isEqualTo("INITIAL");
        assertThat(formations.get(formation).path("status").asString()).isEqualTo("IN_PROGRESS");

        clock().advance(PAST_ANY_BACKOFF);
        JsonNode second = awaitNotification(formation, failedAttempt(2));
        assertThat(second.path("lastError").asString()).contains("No answer within 1000 ms");

        clock().advance(PAST_ANY_BACKOFF);
        formations.awaitState(formation, kymaSystem, "READY");
        assertThat(formations.get(formation).path("status").asString()).isEqualTo("READY");
        assertThat(kyma.received()).hasSize(3);
        assertThat(kyma.received().stream()
                        .map(ParticipantEndpoint.Received::notificationId)
                        .distinct())
                .as("every attempt carries the same notification id, so the participant can tell repeats")
                .containsExactly(first.path("id").asString());
    }

    @Test
    void aParticipantThatNeverAnswersShouldEndInErrorAfterItsAttempts() {
        kyma.byDefault(Reply.status(500));
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA", kymaSystem);

        for (int attempt = 1; attempt < 4; attempt++) {
            awaitNotification(formation, failedAttempt(attempt));
            clock().advance(PAST_ANY_BACKOFF);
        }

        formations.awaitState(formation, kymaSystem, "CREATE_ERROR");
        JsonNode view = formations.get(formation);
        assertThat(view.path("status").asString()).isEqualTo("ERROR");
        assertThat(view.path("errors").get(0).path("systemName").asString()).isEqualTo("S/4HANA");
        assertThat(view.path("errors").get(0).path("error").asString())
                .contains("500")
                .contains("gave up after 4 attempts");
        assertThat(kyma.received()).hasSize(4);
    }

    @Test
    void aRefusedNotificationShouldFailAtOnceAndSucceedAfterResynchronising() {
        kyma.thenReply(Reply.json(400, "{\"message\":\"unknown tenant\"}"));
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA", kymaSystem);

        formations.awaitState(formation, kymaSystem, "CREATE_ERROR");
        assertThat(formations.get(formation).path("errors").get(0).path("error").asString())
                .contains("refused")
                .contains("unknown tenant");
        assertThat(kyma.received()).hasSize(1);

        Api.Response resync =
                api.post("/api/v1/formations/" + formation + "/resynchronization", tenant.adminToken, Map.of());
        assertThat(resync.status()).as(resync.toString()).isEqualTo(202);
        formations.awaitState(formation, kymaSystem, "READY");
        assertThat(kyma.received()).hasSize(2);
    }

    @Test
    void aParticipantThatAcceptsShouldBeConfigPendingUntilItReportsReady() {
        kyma.thenReply(Reply.status(202));
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA", kymaSystem);
        formations.awaitState(formation, kymaSystem, "CONFIG_PENDING");
        JsonNode received = kyma.received().getFirst().body();
        String statusPath = URI.create(received.path("statusUrl").asString()).getPath();
        String token = received.path("statusToken").asString();

        assertThat(report(statusPath, null, "READY").status()).isEqualTo(401);
        assertThat(report(statusPath, token + "x", "READY").status()).isEqualTo(401);
        Api.Response badState = report(statusPath, token, "FINE");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.problemType()).isEqualTo("urn:mooring:problem:invalid-input");
        assertThat(formations.state(formation, kymaSystem)).isEqualTo("CONFIG_PENDING");

        Api.Response reported = report(statusPath, token, "READY");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().path("status").asString()).isEqualTo("DONE");
        assertThat(formations.state(formation, kymaSystem)).isEqualTo("READY");
    }

    @Test
    void aParticipantThatReportsAnErrorLaterShouldPutItsAssignmentInError() {
        kyma.thenReply(Reply.status(202));
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA", kymaSystem);
        formations.awaitState(formation, kymaSystem, "CONFIG_PENDING");
        JsonNode received = kyma.received().getFirst().body();

        Api.Response reported = report(
                URI.create(received.path("statusUrl").asString()).getPath(),
                received.path("statusToken").asString(),
                Map.of("state", "ERROR", "error", "destination missing"));

        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(formations.state(formation, kymaSystem)).isEqualTo("CREATE_ERROR");
        assertThat(formations.get(formation).path("errors").get(0).path("error").asString())
                .contains("destination missing");
    }

    @Test
    void joiningAndLeavingShouldTellEveryParticipantInOrder() {
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA", kymaSystem);
        formations.awaitState(formation, kymaSystem, "READY");

        assertThat(formations.assign(formation, commerceSystem).status()).isEqualTo(201);
        assertThat(formations.unassign(formation, commerceSystem).status()).isEqualTo(202);
        formations.awaitState(formation, commerceSystem, "GONE");

        assertThat(commerce.received().stream().map(ParticipantEndpoint.Received::operation))
                .containsExactly("assign", "unassign");
        assertThat(kyma.received().stream().map(r -> r.operation() + " " + r.systemId()))
                .containsExactly("assign " + kymaSystem, "assign " + commerceSystem, "unassign " + commerceSystem);
        JsonNode told = kyma.received().get(1).body();
        assertThat(told.path("recipient").path("id").asString()).isEqualTo(kymaSystem);
        assertThat(told.path("participants").valueStream().map(p -> p.path("id").asString()))
                .containsExactlyInAnyOrder(kymaSystem, commerceSystem);
        assertThat(told.path("communicationScenarios").isNull()).isTrue();
    }

    @Test
    void aFormationDeletedWithItsMembersShouldGoOnceTheyHaveBeenTold() {
        commerce.byDefault(Reply.status(202));
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA", kymaSystem, commerceSystem);
        formations.awaitState(formation, kymaSystem, "READY");
        formations.awaitState(formation, commerceSystem, "CONFIG_PENDING");

        Api.Response refused = api.delete("/api/v1/formations/" + formation, tenant.adminToken);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("members").toString()).contains("S/4HANA", "Commerce");

        Api.Response deleting =
                api.delete("/api/v1/formations/" + formation + "?unassignMembers=true", tenant.adminToken);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
        assertThat(deleting.json().path("lifecycle").asString()).isEqualTo("DELETING");
        assertThat(formations.assign(formation, commerceSystem).status()).isEqualTo(409);
        formations.awaitState(formation, kymaSystem, "GONE");
        assertThat(formations.get(formation).path("lifecycle").asString())
                .as("the formation waits for its last member, which has not reported yet")
                .isEqualTo("DELETING");

        JsonNode leaving = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> commerce.received().getLast().body(),
                        n -> n.path("operation").asString().equals("unassign"));
        Api.Response reported = report(
                URI.create(leaving.path("statusUrl").asString()).getPath(),
                leaving.path("statusToken").asString(),
                "READY");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().path("status").asString()).isEqualTo("DONE");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(api.get("/api/v1/formations/" + formation, tenant.adminToken)
                                .status())
                        .isEqualTo(404));
        assertThat(commerce.received().getLast().operation()).isEqualTo("unassign");
        assertThat(kyma.received().getLast().operation()).isEqualTo("unassign");
    }

    private JsonNode awaitNotification(String formation, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(25))
                .until(
                        () -> formations
                                .notifications(formation)
                                .valueStream()
                                .filter(condition)
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
    }

    /** Whether the notification's attempt number {@code attempt} failed and it waits for the next one. */
    private static Predicate<JsonNode> failedAttempt(int attempt) {
        return n -> n.path("attempts").asInt() == attempt
                && n.path("status").asString().equals("PENDING")
                && n.path("lastError").isString();
    }

    private Api.Response report(String path, @Nullable String token, String state) {
        return report(path, token, Map.of("state", state));
    }

    private Api.Response report(String path, @Nullable String token, Map<String, String> body) {
        HttpRequest.Builder request = api.request(path, null).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Mooring-Status-Token", token);
        }
        return api.send(request.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
    }
}
