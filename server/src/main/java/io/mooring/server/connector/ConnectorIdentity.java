package io.mooring.server.connector;

import java.util.UUID;

/** Who is at the other end of a tunnel connection, as its client certificate and Mooring's records say. */
public record ConnectorIdentity(UUID connectorId, UUID subaccountId, String locationId) {}
