package io.mooring.connector.config;

import static java.util.Objects.requireNonNull;

import io.mooring.connector.access.SystemMapping;
import io.mooring.connector.json.JsonObject;
import io.mooring.connector.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the connector's administrator configures, as stored in {@code connector.json}.
 *
 * @param pairing the pairing with Mooring; {@code null} until the connector is paired
 * @param auditLevel what the audit log records
 * @param tunnelConnections how many tunnel connections the connector keeps open, 1 to 16
 * @param mappings the exposed back ends; their virtual host and port are unique, which {@link ConfigurationStore}
 *     checks
 */
public record ConnectorConfiguration(
        @Nullable Pairing pairing, AuditLevel auditLevel, int tunnelConnections, List<SystemMapping> mappings) {

    public static final int DEFAULT_TUNNEL_CONNECTIONS = 2;

    public static final int MAX_TUNNEL_CONNECTIONS = 16;

    private static final Set<String> JSON_FIELDS = Set.of("pairing", "auditLevel", "tunnelConnections", "mappings");

    public ConnectorConfiguration {
        requireNonNull(auditLevel, "auditLevel");
        if (tunnelConnections < 1 || tunnelConnections > MAX_TUNNEL_CONNECTIONS) {
            throw new IllegalArgumentException("tunnelConnections must be between 1 and " + MAX_TUNNEL_CONNECTIONS
                    + ", was " + tunnelConnections + ".");
        }
        mappings = List.copyOf(mappings);
    }

    /** Reads {@code connector.json}: every field may be missing, and takes its default then. */
    static ConnectorConfiguration fromJson(JsonValue json) {
        JsonObject fields = json.object().fields(JSON_FIELDS);
        Pairing pairing = fields.read("pairing", Pairing::fromJson);
        AuditLevel auditLevel = fields.enumValue("auditLevel", AuditLevel.class);
        Integer tunnelConnections = fields.optionalInteger("tunnelConnections");
        List<SystemMapping> mappings = fields.list("mappings", SystemMapping::fromJson);
        return new ConnectorConfiguration(
                pairing,
                auditLevel == null ? AuditLevel.SECURITY : auditLevel,
                tunnelConnections == null ? DEFAULT_TUNNEL_CONNECTIONS : tunnelConnections,
                mappings == null ? List.of() : mappings);
    }

    /** A connector's configuration before anyone changed it: not paired, nothing exposed. */
    public static ConnectorConfiguration defaults() {
        return new ConnectorConfiguration(null, AuditLevel.SECURITY, DEFAULT_TUNNEL_CONNECTIONS, List.of());
    }

    public ConnectorConfiguration withPairing(@Nullable Pairing pairing) {
        return new ConnectorConfiguration(pairing, auditLevel, tunnelConnections, mappings);
    }

    public ConnectorConfiguration withAuditLevel(AuditLevel auditLevel) {
        return new ConnectorConfiguration(pairing, auditLevel, tunnelConnections, mappings);
    }

    public ConnectorConfiguration withTunnelConnections(int tunnelConnections) {
        return new ConnectorConfiguration(pairing, auditLevel, tunnelConnections, mappings);
    }

    public ConnectorConfiguration withMappings(List<SystemMapping> mappings) {
        return new ConnectorConfiguration(pairing, auditLevel, tunnelConnections, mappings);
    }
}
