package io.mooring.connector.access;

/** Why the connector refused a request; the name is the code sent in {@code mooring-denial}. */
public enum Denial {
    NO_MAPPING("No system mapping exists for this virtual host and port."),
    PROTOCOL_MISMATCH("The system mapping for this virtual host and port does not take this protocol."),
    NO_RESOURCE("No resource of the system mapping admits this path."),
    RESOURCE_SUSPENDED("The resource that admits this path is suspended."),
    INVALID_PATH("The path is malformed or ambiguous and is refused before matching."),
    WEBSOCKET_NOT_ALLOWED("The resource that admits this path does not allow WebSocket upgrades.");

    private final String defaultMessage;

    Denial(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    /** A human sentence for this denial when there is nothing more specific to say. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
