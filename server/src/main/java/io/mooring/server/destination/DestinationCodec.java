package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.crypto.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a destination into its row and back: the public properties as a JSON object, the secret ones as a JSON
 * object sealed with the row's owner and id as associated data, so that a sealed value copied to another row does
 * not open. The original order of the properties is kept by remembering each secret's position.
 */
@Component
class DestinationCodec {
    private static final TypeReference<LinkedHashMap<String, String>> PROPERTIES = new TypeReference<>() {};
    private static final String SECRET_MARKER = "\u0000sealed";

    private final SecretBox secretBox;
    private final JsonMapper json;

    DestinationCodec(SecretBox secretBox, JsonMapper json) {
        this.secretBox = requireNonNull(secretBox, "secretBox");
        this.json = requireNonNull(json, "json");
    }

    DestinationStore.Row toRow(StoredDestination destination) {
        Map<String, String> shown = new LinkedHashMap<>();
        Map<String, String> secret = new LinkedHashMap<>();
        destination.properties().forEach((key, value) -> {
            if (SecretProperties.isSecret(key)) {
                shown.put(key, SECRET_MARKER);
                secret.put(key, value);
            } else {
                shown.put(key, value);
            }
        });
        String sealed = secret.isEmpty()
                ? null
                : secretBox.sealText(
                        json.writeValueAsString(secret),
                        context(destination.owner().ownerId(), destination.id()));
        return new DestinationStore.Row(
                destination.id(),
                destination.owner(),
                destination.name(),
                json.writeValueAsString(shown),
                sealed,
                destination.version(),
                destination.createdAt(),
                destination.updatedAt());
    }

    StoredDestination fromRow(DestinationStore.Row row) {
        Map<String, String> properties = json.readValue(row.properties(), PROPERTIES);
        if (row.sealedSecrets() != null) {
            Map<String, String> secret = json.readValue(
                    secretBox.openText(row.sealedSecrets(), context(row.owner().ownerId(), row.id())), PROPERTIES);
            properties.replaceAll((key, value) -> SECRET_MARKER.equals(value) ? secret.get(key) : value);
        }
        return new StoredDestination(
                row.id(), row.owner(), row.name(), properties, row.version(), row.createdAt(), row.updatedAt());
    }

    /** The public properties of a row, secrets standing as markers that no filter value equals. */
    Map<String, String> publicProperties(String json) {
        return this.json.readValue(json, PROPERTIES);
    }

    static String context(UUID ownerId, UUID id) {
        return "destination:" + ownerId + ":" + id;
    }
}
