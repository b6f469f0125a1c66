package io.mooring.server.destination;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Decoded destinations by owner and name, so that "find destination" neither queries nor unseals on every call.
 * A change evicts its entry at once and again after its commit (a reader between the two would otherwise cache
 * the old row); entries also expire after a short time, which bounds how stale another node's copy can be.
 */
@Component
class DestinationCache {
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 20_000;

    private final Cache<Key, Optional<StoredDestination>> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(TIME_TO_LIVE)
            .build();

    Optional<StoredDestination> get(UUID ownerId, String name, Supplier<Optional<StoredDestination>> loader) {
        return entries.get(new Key(ownerId, name), key -> loader.get());
    }

    void evict(UUID ownerId, String name) {
        Key key = new Key(ownerId, name);
        entries.invalidate(key);
        afterCommit(() -> entries.invalidate(key));
    }

    void evictOwner(UUID ownerId) {
        Runnable eviction =
                () -> entries.asMap().keySet().removeIf(key -> key.ownerId().equals(ownerId));
        eviction.run();
        afterCommit(eviction);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }

    private record Key(UUID ownerId, String name) {}
}
