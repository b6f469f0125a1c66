package io.mooring.server.servicebinding;

import java.time.Instant;
import java.util.UUID;

/** A binding of a service instance: the client an application authenticates as. */
record ServiceBinding(UUID id, UUID instanceId, String name, String clientId, Instant createdAt) {}
