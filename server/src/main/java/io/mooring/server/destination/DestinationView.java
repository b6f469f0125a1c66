package io.mooring.server.destination;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A destination as management views show it: every property except secrets, and the names of the secrets it
 * holds, so that a viewer sees that a password is set without seeing it.
 */
record DestinationView(
        String name,
        String level,
        Map<String, String> properties,
        List<String> secretProperties,
        long version,
        Instant createdAt,
        Instant updatedAt) {
    static DestinationView of(StoredDestination destination) {
        return new DestinationView(
                destination.name(),
                destination.owner().isInstanceLevel() ? "instance" : "subaccount",
                destination.withoutSecrets(),
                destination.properties().keySet().stream()
                        .filter(SecretProperties::isSecret)
                        .toList(),
                destination.version(),
                destination.createdAt(),
                destination.updatedAt());
    }
}
