package io.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class BusyPollTest {
    private static final long POLL_NANOS = 10_000;
    private static final long SHORT_SLEEP = 60_000;
    private static final long LONG_SLEEP = 5_000_000;

    private long now = 1_000_000;
    private int polls;
    private final BusyPoll busyPoll = new BusyPoll(Duration.ofNanos(100_000), () -> now);

    @Test
    void pollsUntilSocketsAreReadyAndHandsOverWhatIsReady() throws Exception {
        assertThat(busyPoll.calculateStrategy(sockets(0, 0, 3), false)).isEqualTo(3);
        assertThat(polls).isEqualTo(3);
    }

    @Test
    void sleepsWhenNothingCameWithinTheBudget() throws Exception {
        assertThat(busyPoll.calculateStrategy(quietSockets(), false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).isEqualTo(10);
    }

    @Test
    void afterAFruitlessPollTheNextWaitSleepsAtOnceHoweverLongTheSleep() throws Exception {
        busyPoll.calculateStrategy(quietSockets(), false);

        assertThat(pollsOfTheWaitAfterSleeping(LONG_SLEEP)).isZero();
        assertThat(pollsOfTheWaitAfterSleeping(LONG_SLEEP)).isZero();
    }

    @Test
    void aSleepEndingWithinTheBudgetTurnsPollingBackOn() throws Exception {
        busyPoll.calculateStrategy(quietSockets(), false);

        assertThat(pollsOfTheWaitAfterSleeping(SHORT_SLEEP)).isEqualTo(10);
    }

    @Test
    void fruitlessPollsInARowNeedTwiceAsManyShortSleepsEachTime() throws Exception {
        busyPoll.calculateStrategy(quietSockets(), false); // 1 short sleep needed
        assertThat(pollsOfTheWaitAfterSleeping(SHORT_SLEEP)).isEqualTo(10); // fruitless again: 2 needed

        assertThat(pollsOfTheWaitAfterSleeping(SHORT_SLEEP)).isZero();
        assertThat(pollsOfTheWaitAfterSleeping(LONG_SLEEP)).isZero();
        assertThat(pollsOfTheWaitAfterSleeping(SHORT_SLEEP)).isEqualTo(10); // fruitless again: 4 needed
        for (int i = 0; i < 3; i++) {
            assertThat(pollsOfTheWaitAfterSleeping(SHORT_SLEEP)).isZero();
        }
        assertThat(pollsOfTheWaitAfterSleeping(SHORT_SLEEP)).isEqualTo(10);
    }

    @Test
    void theBackoffStopsAtItsLimit() throws Exception {
        busyPoll.calculateStrategy(quietSockets(), false);
        for (int round = 0; round < 10; round++) {
            while (pollsOfTheWaitAfterSleeping(SHORT_SLEEP) == 0) {}
        }
        int skipped = 0;
        while (pollsOfTheWaitAfterSleeping(SHORT_SLEEP) == 0) {
            skipped++;
        }
        assertThat(skipped + 1).isEqualTo(BusyPoll.MAX_BACKOFF);
    }

    @Test
    void aPollThatFindsSomethingEndsTheBackoff() throws Exception {
        busyPoll.calculateStrategy(quietSockets(), false);
        pollsOfTheWaitAfterSleeping(SHORT_SLEEP); // fruitless: 2 short sleeps needed
        pollsOfTheWaitAfterSleeping(SHORT_SLEEP);
        now += SHORT_SLEEP;
        assertThat(busyPoll.calculateStrategy(sockets(0, 1), false)).isEqualTo(1);

        busyPoll.calculateStrategy(quietSockets(), false); // fruitless: 1 short sleep needed, not 4
        assertThat(pollsOfTheWaitAfterSleeping(SHORT_SLEEP)).isEqualTo(10);
    }

    @Test
    void withTasksWaitingItLooksOnceAndNeverPolls() throws Exception {
        assertThat(busyPoll.calculateStrategy(sockets(0, 4), true)).isZero();
        assertThat(polls).isEqualTo(1);
    }

    /** Sleeps as long as given after the last choice, then counts the polls of the next wait on quiet sockets. */
    private int pollsOfTheWaitAfterSleeping(long nanos) throws Exception {
        now += nanos;
        polls = 0;
        assertThat(busyPoll.calculateStrategy(quietSockets(), false)).isEqualTo(SelectStrategy.SELECT);
        return polls;
    }

    /** Sockets that are ready as given on each poll, one poll taking {@link #POLL_NANOS}; then quiet. */
    private IntSupplier sockets(Integer... readyPerPoll) {
        Queue<Integer> ready = new ArrayDeque<>(List.of(readyPerPoll));
        return () -> {
            polls++;
            now += POLL_NANOS;
            Integer next = ready.poll();
            return next == null ? 0 : next;
        };
    }

    private IntSupplier quietSockets() {
        return sockets();
    }
}
