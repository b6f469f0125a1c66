package io.mooring.server.servicebinding;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.SubaccountDeletionBlocker;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A subaccount is not deleted while it holds service instances: their applications would lose their bindings. */
@Component
class ServiceInstanceBlocker implements SubaccountDeletionBlocker {
    private final ServiceBindingStore store;

    ServiceInstanceBlocker(ServiceBindingStore store) {
        this.store = requireNonNull(store, "store");
    }

    @Override
    public List<String> blockersOf(UUID subaccountId) {
        return store.instanceNames(subaccountId).stream()
                .map(name -> "service instance '" + name + "'")
                .toList();
    }
}
