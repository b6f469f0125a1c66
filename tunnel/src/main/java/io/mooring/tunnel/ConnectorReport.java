package io.mooring.tunnel;

import java.time.Instant;
import java.util.List;

/**
 * What a connector tells Mooring about itself on the session stream: the virtual hosts it exposes and its health.
 *
 * @param connectorVersion the connector's build version
 * @param virtualHosts the active system mappings, by virtual host and port
 * @param health {@code UP} when every mapped back end answered its last probe, {@code DEGRADED} otherwise
 * @param unreachable the virtual hosts whose back end did not answer, with what failed
 */
public record ConnectorReport(
        String connectorVersion,
        Instant reportedAt,
        List<VirtualHost> virtualHosts,
        Health health,
        List<Unreachable> unreachable) {

    public enum Health {
        UP,
        DEGRADED
    }

    public enum Protocol {
        HTTP,
        HTTPS,
        TCP
    }

    public record VirtualHost(
            String host, int port, Protocol protocol, String backendType, int resources, String description) {}

    public record Unreachable(String host, int port, String reason) {}
}
