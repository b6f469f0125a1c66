package io.mooring.server.connector;

import java.time.Instant;
import java.util.UUID;

/**
 * What a connector receives when it pairs or renews: who it is, its certificate and the CA that it pins, and where
 * to dial in.
 */
record Paired(
        UUID connectorId,
        UUID subaccountId,
        String locationId,
        String certificate,
        String caCertificate,
        Instant certificateExpiresAt,
        String tunnelHost,
        int tunnelPort) {}
