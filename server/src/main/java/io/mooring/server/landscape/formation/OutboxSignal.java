package io.mooring.server.landscape.formation;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Wakes the delivery worker when a transaction that wrote notifications commits, instead of at its next poll. */
@Component
class OutboxSignal {
    private final Semaphore signal = new Semaphore(0);

    /** Signals once the current transaction has committed (at once when there is none). */
    void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal();
                }
            });
        } else {
            signal();
        }
    }

    void signal() {
        signal.drainPermits();
        signal.release();
    }

    /** Waits for a signal or until the time is up. */
    void await(long millis) throws InterruptedException {
        if (signal.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            signal.drainPermits();
        }
    }
}
