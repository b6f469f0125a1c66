package io.mooring.server.landscape.formation;

import static io.mooring.server.landscape.formation.NotificationStatus.AWAITING_STATUS;
import static io.mooring.server.landscape.formation.NotificationStatus.DELIVERING;
import static io.mooring.server.landscape.formation.NotificationStatus.DONE;
import static io.mooring.server.landscape.formation.NotificationStatus.FAILED;
import static io.mooring.server.landscape.formation.NotificationStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.landscape.formation.AssignmentProgress.Settled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AssignmentProgressTest {
    @ParameterizedTest
    @EnumSource(names = {"INITIAL", "CONFIG_PENDING", "READY", "CREATE_ERROR"})
    void settleWhenAJoinNotificationFailedShouldBeCreateErrorWithTheError(AssignmentState current) {
        assertThat(AssignmentProgress.settle(current, List.of(DONE, FAILED, AWAITING_STATUS), "refused by s4"))
                .contains(new Settled(AssignmentState.CREATE_ERROR, "refused by s4"));
    }

    @ParameterizedTest
    @EnumSource(names = {"DELETING", "DELETE_ERROR"})
    void settleWhenALeaveNotificationFailedShouldBeDeleteErrorWithTheError(AssignmentState current) {
        assertThat(AssignmentProgress.settle(current, List.of(PENDING, FAILED), "timed out"))
                .contains(new Settled(AssignmentState.DELETE_ERROR, "timed out"));
    }

    @Test
    void settleWhenFailedWithoutErrorShouldSaySomeParticipantWasNotNotified() {
        assertThat(AssignmentProgress.settle(AssignmentState.INITIAL, List.of(FAILED), null))
                .contains(new Settled(AssignmentState.CREATE_ERROR, "A participant could not be notified."));
        assertThat(AssignmentProgress.settle(AssignmentState.DELETING, List.of(FAILED), null))
                .contains(new Settled(AssignmentState.DELETE_ERROR, "A participant could not be notified."));
    }

    @Test
    void settleWhenEveryJoinNotificationIsDoneShouldBeReadyWithoutError() {
        assertThat(AssignmentProgress.settle(AssignmentState.CONFIG_PENDING, List.of(DONE, DONE), "stale"))
                .contains(new Settled(AssignmentState.READY, null));
    }

    @Test
    void settleWhenEveryLeaveNotificationIsDoneShouldHaveLeft() {
        assertThat(AssignmentProgress.settle(AssignmentState.DELETING, List.of(DONE, DONE), null))
                .isEmpty();
        assertThat(AssignmentProgress.settle(AssignmentState.DELETE_ERROR, List.of(DONE), "stale"))
                .isEmpty();
    }

    @Test
    void settleWhenNoOneIsToBeNotifiedShouldBeReadyOrHaveLeft() {
        assertThat(AssignmentProgress.settle(AssignmentState.INITIAL, List.of(), null))
                .contains(new Settled(AssignmentState.READY, null));
        assertThat(AssignmentProgress.settle(AssignmentState.DELETING, List.of(), null))
                .isEmpty();
    }

    @Test
    void settleWhenAParticipantWillReportLaterShouldBeConfigPending() {
        assertThat(AssignmentProgress.settle(AssignmentState.INITIAL, List.of(DONE, AWAITING_STATUS), null))
                .contains(new Settled(AssignmentState.CONFIG_PENDING, null));
        assertThat(AssignmentProgress.settle(AssignmentState.INITIAL, List.of(PENDING, AWAITING_STATUS), null))
                .contains(new Settled(AssignmentState.CONFIG_PENDING, null));
    }

    @Test
    void settleWhenJoinNotificationsAreStillPendingOrBeingDeliveredShouldBeInitial() {
        assertThat(AssignmentProgress.settle(AssignmentState.CREATE_ERROR, List.of(DONE, PENDING), "old"))
                .contains(new Settled(AssignmentState.INITIAL, null));
        assertThat(AssignmentProgress.settle(AssignmentState.INITIAL, List.of(DELIVERING, DONE), null))
                .contains(new Settled(AssignmentState.INITIAL, null));
    }

    @Test
    void settleWhenLeaveNotificationsAreUnansweredShouldBeDeleting() {
        assertThat(AssignmentProgress.settle(AssignmentState.DELETE_ERROR, List.of(DONE, PENDING), "old"))
                .contains(new Settled(AssignmentState.DELETING, null));
        assertThat(AssignmentProgress.settle(AssignmentState.DELETING, List.of(AWAITING_STATUS), null))
                .contains(new Settled(AssignmentState.DELETING, null));
        assertThat(AssignmentProgress.settle(AssignmentState.DELETING, List.of(DELIVERING), null))
                .contains(new Settled(AssignmentState.DELETING, null));
    }

    @Property(tries = 200)
    void settleShouldNotDependOnTheOrderOfTheNotifications(
            @ForAll AssignmentState current, @ForAll List<NotificationStatus> phase, @ForAll Random random) {
        List<NotificationStatus> shuffled = new ArrayList<>(phase);
        Collections.shuffle(shuffled, random);

        assertThat(AssignmentProgress.settle(current, shuffled, "error"))
                .isEqualTo(AssignmentProgress.settle(current, phase, "error"));
    }

    @Property(tries = 200)
    void settleShouldCarryAnErrorExactlyWhenANotificationFailedAndStayInItsPhase(
            @ForAll AssignmentState current, @ForAll List<NotificationStatus> phase) {
        Optional<Settled> settled = AssignmentProgress.settle(current, phase, "error");

        if (settled.isEmpty()) {
            assertThat(current.leaving()).isTrue();
            return;
        }
        assertThat(settled.get().state().leaving()).isEqualTo(current.leaving());
        assertThat(settled.get().state().failed()).isEqualTo(phase.contains(FAILED));
        assertThat(settled.get().error()).isEqualTo(phase.contains(FAILED) ? "error" : null);
    }
}
