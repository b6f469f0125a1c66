package io.mooring.server.servicebinding;

import io.mooring.server.platform.crypto.BatchResealer;
import io.mooring.server.platform.crypto.SecretBox;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Binding secrets (kept so that bindings can be fetched again) sealed again after a key rotation. */
@Component
class BindingSecretResealing extends BatchResealer {
    private final ServiceBindingStore store;

    BindingSecretResealing(ServiceBindingStore store, SecretBox secretBox, PlatformTransactionManager transactions) {
        super(secretBox, transactions);
        this.store = store;
    }

    @Override
    public String kind() {
        return "service bindings";
    }

    @Override
    protected List<SealedValue> batchAfter(@Nullable UUID after, int limit) {
        return store.sealedSecrets(after, limit).stream()
                .map(row ->
                        new SealedValue(row.bindingId(), ServiceInstances.secretContext(row.bindingId()), row.sealed()))
                .toList();
    }

    @Override
    protected void replace(UUID id, String before, String after) {
        store.reseal(id, before, after);
    }
}
