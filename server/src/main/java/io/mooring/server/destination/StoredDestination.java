package io.mooring.server.destination;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A destination as kept: its properties in the order they were given, secrets included, and its version. */
public record StoredDestination(
        UUID id,
        DestinationOwner owner,
        String name,
        Map<String, String> properties,
        long version,
        Instant createdAt,
        Instant updatedAt) {
    public StoredDestination {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The properties with every secret left out, for views that must not show them. */
    public Map<String, String> withoutSecrets() {
        Map<String, String> shown = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (!SecretProperties.isSecret(key)) {
                shown.put(key, value);
            }
        });
        return shown;
    }
}
