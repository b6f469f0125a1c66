package io.mooring.server.connector;

import org.jspecify.annotations.Nullable;

/** Request bodies of the connector APIs; fields are nullable so that the services report what is missing. */
final class ConnectorRequests {
    private ConnectorRequests() {}

    /** A new registration: its location ID (empty or absent for the default connector) and a description. */
    record NewConnector(
            @Nullable String locationId, @Nullable String description) {}

    /** What a connector presents to pair: the one-time token and a CSR for the key it made. */
    record Pairing(@Nullable String token, @Nullable String csr) {}

    /**
     * What a connector presents to renew: its current certificate, a CSR for a new key, and the base64 signature of
     * the CSR's DER by the current certificate's key.
     */
    record Renewal(
            @Nullable String certificate,
            @Nullable String csr,
            @Nullable String signature) {}
}
