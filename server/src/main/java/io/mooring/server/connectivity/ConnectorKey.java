package io.mooring.server.connectivity;

import java.util.UUID;

/** The connectors of a subaccount are told apart by location ID; the empty one is the default connector. */
record ConnectorKey(UUID subaccountId, String locationId) {}
