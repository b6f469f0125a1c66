package io.mooring.server.connector;

/** Where a connector registration stands, as its administrators see it. */
enum ConnectorStatus {
    /** Never paired: waiting for the connector to redeem its token. */
    NOT_PAIRED,
    /** Paired, with a valid certificate, but no tunnel session right now. */
    DISCONNECTED,
    /** A tunnel session is up. */
    CONNECTED,
    /** Its certificate expired before it was renewed: pair the connector again with a new token. */
    CERTIFICATE_EXPIRED
}
