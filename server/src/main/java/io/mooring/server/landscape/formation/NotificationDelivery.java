package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox worker: claims due notifications, delivers them concurrently (at most {@code maxInFlight} at once) and
 * records each outcome. A claim is a lease in the database, so replicas share the work and a notification whose
 * delivery a stopped server left unfinished is delivered again once its lease runs out: delivery is at least once,
 * and participants recognise repeats by the notification id.
 */
@Component
class NotificationDelivery implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);
    private static final long STOP_GRACE_MILLIS = 2_000;

    private final FormationStore store;
    private final NotificationSender sender;
    private final NotificationOutcomes outcomes;
    private final OutboxSignal signal;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final MooringProperties.Notifications settings;
    private final Semaphore inFlight;
    private volatile boolean running;
    private @Nullable Thread loop;
    private @Nullable ExecutorService deliveries;

    NotificationDelivery(
            FormationStore store,
            NotificationSender sender,
            NotificationOutcomes outcomes,
            OutboxSignal signal,
            Clock clock,
            PlatformTransactionManager transactions,
            MooringProperties properties) {
        this.store = requireNonNull(store, "store");
        this.sender = requireNonNull(sender, "sender");
        this.outcomes = requireNonNull(outcomes, "outcomes");
        this.signal = requireNonNull(signal, "signal");
        this.clock = requireNonNull(clock, "clock");
        this.transaction = new TransactionTemplate(transactions);
        this.settings = properties.notifications();
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    @Override
    public synchronized void start() {
        running = true;
        deliveries = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("notification-", 0).factory());
        loop = Thread.ofVirtual().name("notification-delivery").start(this::run);
    }

    /**
     * Stops claiming, gives deliveries under way a moment to finish and interrupts the rest: those are left to
     * their lease and delivered again by whichever server runs next.
     */
    @Override
    public synchronized void stop() {
        running = false;
        signal.signal();
        try {
            if (loop != null) {
                loop.join(STOP_GRACE_MILLIS);
            }
            if (deliveries != null) {
                deliveries.shutdown();
                if (!deliveries.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    deliveries.shutdownNow();
                    deliveries.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            int claimed = 0;
            try {
                claimed = deliverDue();
            } catch (RuntimeException e) {
                log.warn("Claiming due notifications failed; trying again at the next poll", e);
            }
            if (claimed == 0) {
                try {
                    signal.await(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Claims as many due notifications as there is room for, starts their delivery, and says how many. */
    private int deliverDue() {
        int room = inFlight.availablePermits();
        if (room == 0) {
            return 0;
        }
        List<Notification> claimed = requireNonNull(transaction.execute(status -> claim(room)));
        ExecutorService executor = requireNonNull(deliveries);
        for (Notification notification : claimed) {
            inFlight.acquireUninterruptibly();
            try {
                executor.execute(() -> {
                    try {
                        deliver(notification);
                    } finally {
                        inFlight.release();
                        signal.signal();
                    }
                });
            } catch (RuntimeException e) {
                inFlight.release();
                log.debug("Delivery of {} not started: stopping", notification.id());
            }
        }
        return claimed.size();
    }

    private List<Notification> claim(int room) {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(settings.lease());
        List<Notification> claimed = new ArrayList<>();
        for (Notification due : store.due(now, room)) {
            if (store.claim(due, leaseUntil, now)) {
                claimed.add(due.claimed(due.attempts() + 1, leaseUntil));
            }
        }
        return claimed;
    }

    private void deliver(Notification notification) {
        DeliveryOutcome outcome;
        try {
            outcome = sender.deliver(notification);
        } catch (InterruptedException e) {
            log.info(
                    "Delivery of notification {} interrupted; it is delivered again when its lease runs out",
                    notification.id());
            return;
        } catch (RuntimeException e) {
            outcome = new DeliveryOutcome.Unreachable("Delivery failed: " + e);
        }
        try {
            outcomes.recordAttempt(notification, outcome);
        } catch (RuntimeException e) {
            log.warn(
                    "Recording the delivery of notification {} failed; it is delivered again when its lease runs out",
                    notification.id(),
                    e);
        }
    }
}
