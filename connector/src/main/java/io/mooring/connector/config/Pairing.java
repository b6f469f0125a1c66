package io.mooring.connector.config;

import io.mooring.connector.json.JsonObject;
import io.mooring.connector.json.JsonValue;
import java.util.Set;

/**
 * What the connector learnt when it paired with Mooring: who it is and where to dial its tunnel.
 *
 * @param mooringUrl the base URL of Mooring's API, for certificate renewal
 * @param locationId the connector's location ID within its subaccount; empty for the default connector
 */
public record Pairing(
        String mooringUrl,
        String connectorId,
        String subaccountId,
        String locationId,
        String tunnelHost,
        int tunnelPort) {

    public Pairing {
        required(mooringUrl, "mooringUrl");
        required(connectorId, "connectorId");
        required(subaccountId, "subaccountId");
        locationId = locationId == null ? "" : locationId;
        required(tunnelHost, "tunnelHost");
        if (tunnelPort < 1 || tunnelPort > 65535) {
            throw new IllegalArgumentException("Pairing: tunnelPort must be between 1 and 65535, was " + tunnelPort);
        }
    }

    private static final Set<String> JSON_FIELDS =
            Set.of("mooringUrl", "connectorId", "subaccountId", "locationId", "tunnelHost", "tunnelPort");

    static Pairing fromJson(JsonValue json) {
        JsonObject fields = json.object().fields(JSON_FIELDS);
        return fields.build(() -> new Pairing(
                fields.string("mooringUrl"),
                fields.string("connectorId"),
                fields.string("subaccountId"),
                fields.string("locationId"),
                fields.string("tunnelHost"),
                fields.integer("tunnelPort")));
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing; pair the connector again.");
        }
    }
}
