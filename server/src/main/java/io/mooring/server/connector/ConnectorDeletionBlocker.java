package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.SubaccountDeletionBlocker;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A subaccount is not deleted while connectors are registered in it: their tunnels would lose their owner. */
@Component
class ConnectorDeletionBlocker implements SubaccountDeletionBlocker {
    private final ConnectorStore store;

    ConnectorDeletionBlocker(ConnectorStore store) {
        this.store = requireNonNull(store, "store");
    }

    @Override
    public List<String> blockersOf(UUID subaccountId) {
        return store.locationIds(subaccountId).stream()
                .map(location -> location.isEmpty() ? "the default connector" : "connector '" + location + "'")
                .toList();
    }
}
