package io.mooring.server.connector;

import io.mooring.tunnel.ConnectorReport;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the tunnel endpoint knows about connectors right now; implemented by the connectivity package. */
public interface LiveConnectors {

    /** The connected session of a registered connector, if it has one. */
    Optional<Presence> presence(UUID connectorId);

    /** The connected session of the subaccount's connector with this location ID ("" = the default one). */
    Optional<Presence> presence(UUID subaccountId, String locationId);

    /** Closes every tunnel connection of the connector, gracefully (its streams finish). */
    void disconnect(UUID connectorId);

    /**
     * A connector's current session.
     *
     * @param sessionId the connector process's session
     * @param connections how many tunnel connections the session holds
     * @param remoteAddress where the newest connection came from
     * @param report the connector's latest report, null until the first arrives
     */
    record Presence(
            String sessionId,
            Instant connectedSince,
            int connections,
            String remoteAddress,
            String connectorVersion,
            @Nullable ConnectorReport report) {}
}
