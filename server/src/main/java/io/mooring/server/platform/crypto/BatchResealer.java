package io.mooring.server.platform.crypto;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals stored values again with the primary key, walking a table in id order a batch per transaction, so that
 * a rotation over many rows neither holds one long transaction nor reads everything at once.
 */
public abstract class BatchResealer implements SealedRecords {
    private static final Logger log = LoggerFactory.getLogger(BatchResealer.class);
    private static final int BATCH = 500;

    private final SecretBox secretBox;
    private final TransactionTemplate transaction;

    protected BatchResealer(SecretBox secretBox, PlatformTransactionManager transactions) {
        this.secretBox = requireNonNull(secretBox, "secretBox");
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Up to {@code limit} sealed values with ids after {@code after} (all from the start when null), in id order. */
    protected abstract List<SealedValue> batchAfter(@Nullable UUID after, int limit);

    /** Replaces a sealed value if it is still {@code before}. */
    protected abstract void replace(UUID id, String before, String after);

    @Override
    public Outcome resealWithPrimaryKey() {
        Outcome total = new Outcome(0, 0);
        UUID after = null;
        while (true) {
            UUID from = after;
            List<SealedValue> batch = requireNonNull(transaction.execute(status -> batchAfter(from, BATCH)));
            if (batch.isEmpty()) {
                return total;
            }
            Outcome outcome = requireNonNull(transaction.execute(status -> resealAll(batch)));
            total = new Outcome(total.resealed() + outcome.resealed(), total.unreadable() + outcome.unreadable());
            after = batch.getLast().id();
        }
    }

    private Outcome resealAll(List<SealedValue> batch) {
        int resealed = 0;
        int unreadable = 0;
        for (SealedValue value : batch) {
            if (secretBox.sealedWithPrimaryKey(value.sealed())) {
                continue;
            }
            try {
                String plain = secretBox.openText(value.sealed(), value.context());
                replace(value.id(), value.sealed(), secretBox.sealText(plain, value.context()));
                resealed++;
            } catch (UnreadableSecretException e) {
                log.warn("{} ({}): left as it is", e.getMessage(), kind());
                unreadable++;
            }
        }
        return new Outcome(resealed, unreadable);
    }

    /** One stored sealed value: its row, the context it was sealed with, and the sealed text. */
    public record SealedValue(UUID id, String context, String sealed) {}
}
