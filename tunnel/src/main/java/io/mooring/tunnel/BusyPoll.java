package io.mooring.tunnel;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * An event loop's choice before it waits for its sockets: poll them for up to {@code budget}, giving the processor
 * to any other thread that wants it between two polls, and sleep in the kernel only when nothing came.
 *
 * <p>On a request-answer path every hop otherwise puts its thread to sleep after each write and has the kernel wake
 * it for the next read, which on one busy connection costs more than the work itself. Polling pays only where the
 * next event is due within the budget, so it backs off where it does not: after a poll that found nothing the loop
 * sleeps at once, and polls again only after as many sleeps that ended within the budget (showing that a poll would
 * have caught them) as it has had fruitless polls in a row, doubled each time up to {@value #MAX_BACKOFF}. A poll that
 * finds something ends the backoff. A light load, where each request brings one short wait for the back end and then
 * a long one for the next request, so costs one fruitless poll in {@value #MAX_BACKOFF} requests. Work handed to the
 * loop from other threads, and timers due meanwhile, wait for the end of a poll: at most the budget.
 */
final class BusyPoll implements SelectStrategy {
    static final int MAX_BACKOFF = 64;
    private static final long AWAKE = Long.MIN_VALUE;

    private final long budgetNanos;
    private final LongSupplier nanoTime;
    private long asleepSince = AWAKE;
    private int shortSleepsBeforePolling;
    private int backoff = 1;

    BusyPoll(Duration budget, LongSupplier nanoTime) {
        this.budgetNanos = budget.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        long now = nanoTime.getAsLong();
        if (asleepSince != AWAKE) {
            if (now - asleepSince <= budgetNanos && shortSleepsBeforePolling > 0) {
                shortSleepsBeforePolling--;
            }
            asleepSince = AWAKE;
        }
        if (hasTasks) {
            return selectNow.get();
        }
        if (shortSleepsBeforePolling == 0) {
            long deadline = now + budgetNanos;
            do {
                int ready = selectNow.get();
                if (ready > 0) {
                    backoff = 1;
                    return ready;
                }
                Thread.yield();
                now = nanoTime.getAsLong();
            } while (now - deadline < 0);
            shortSleepsBeforePolling = backoff;
            backoff = Math.min(backoff * 2, MAX_BACKOFF);
        }
        asleepSince = now;
        return SELECT;
    }
}
