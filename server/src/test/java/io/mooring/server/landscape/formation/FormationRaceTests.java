package io.mooring.server.landscape.formation;

import static io.mooring.server.testing.FormationApi.TASK_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.FormationApi;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two assigns at the same moment that together would break an "at most one" rule of Integration with SAP Task
 * Center: exactly one succeeds, the other is refused by the rule, and the landscape holds what the winner did.
 */
abstract class FormationRaceTests extends ServerTest {
    @RepeatedTest(5)
    void twoTaskCenterSystemsJoiningOneFormationTogetherShouldLeaveOneIn() throws Exception {
        Tenant tenant = newTenant();
        FormationApi formations = new FormationApi(api, tenant);
        String first = tenant.system("Task Center A", "TASK_CENTER");
        String second = tenant.system("Task Center B", "TASK_CENTER");
        String formation = formations.created("Tasks", TASK_CENTER);

        List<Api.Response> answers =
                race(() -> formations.assign(formation, first), () -> formations.assign(formation, second));

        assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(201, 409);
        Api.Response refused =
                answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertThat(FormationApi.violatedRules(refused)).containsExactly("system-count");
        assertThat(formations.get(formation).path("assignments").size()).isEqualTo(1);
    }

    @RepeatedTest(5)
    void oneTaskCenterSystemJoiningTwoFormationsTogetherShouldBeInOne() throws Exception {
        Tenant tenant = newTenant();
        FormationApi formations = new FormationApi(api, tenant);
        String taskCenter = tenant.system("Task Center", "TASK_CENTER");
        String east = formations.created("Tasks East", TASK_CENTER);
        String west = formations.created("Tasks West", TASK_CENTER);

        List<Api.Response> answers =
                race(() -> formations.assign(east, taskCenter), () -> formations.assign(west, taskCenter));

        assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(201, 409);
        Api.Response refused =
                answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertThat(FormationApi.violatedRules(refused)).containsExactly("at-most-one-formation-per-system");
        int members = formations.get(east).path("assignments").size()
                + formations.get(west).path("assignments").size();
        assertThat(members).isEqualTo(1);
    }

    @RepeatedTest(3)
    void aDeregistrationRacingAnAssignShouldNeverLeaveAFormationWithoutItsSystem() throws Exception {
        Tenant tenant = newTenant();
        FormationApi formations = new FormationApi(api, tenant);
        String commerce = tenant.system("Commerce", "COMMERCE_CLOUD");
        String formation = formations.created("Extensions", "SIDE_BY_SIDE_KYMA");

        List<Api.Response> answers = race(
                () -> formations.assign(formation, commerce),
                () -> api.delete("/api/v1/systems/" + commerce, tenant.adminToken));

        Api.Response assigned = answers.get(0);
        Api.Response deregistered = answers.get(1);
        if (assigned.status() == 201) {
            assertThat(deregistered.status()).as(deregistered.toString()).isEqualTo(409);
            assertThat(deregistered.problemType()).isEqualTo("urn:mooring:problem:deregistration-blocked");
            assertThat(formations.state(formation, commerce)).isEqualTo("READY");
        } else {
            assertThat(deregistered.status()).as(deregistered.toString()).isEqualTo(204);
            assertThat(assigned.status())
                    .as("the system was gone or already Deregistering: " + assigned)
                    .isIn(404, 409);
            assertThat(formations.get(formation).path("assignments").size()).isZero();
        }
    }

    private static List<Api.Response> race(Supplier<Api.Response> one, Supplier<Api.Response> other) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Api.Response> a = pool.submit(() -> {
                start.await();
                return one.get();
            });
            Future<Api.Response> b = pool.submit(() -> {
                start.await();
                return other.get();
            });
            start.countDown();
            return List.of(a.get(), b.get());
        }
    }
}
