package io.mooring.connector.config;

import io.mooring.connector.access.SystemMapping;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code connector.json} as read: every field may be missing, and takes its default then. */
record ConfigurationFile(
        @Nullable Pairing pairing,
        @Nullable AuditLevel auditLevel,
        @Nullable Integer tunnelConnections,
        @Nullable List<SystemMapping> mappings) {

    ConnectorConfiguration toConfiguration() {
        return new ConnectorConfiguration(
                pairing,
                auditLevel == null ? AuditLevel.SECURITY : auditLevel,
                tunnelConnections == null ? ConnectorConfiguration.DEFAULT_TUNNEL_CONNECTIONS : tunnelConnections,
                mappings == null ? List.of() : mappings);
    }
}
