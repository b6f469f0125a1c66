package io.mooring.connector.access;

/** Which host and port the connector names in the {@code Host} header it sends a back end. */
public enum HostHeader {
    /** The virtual host and port, as the application called them. */
    VIRTUAL,
    /** The internal host and port; the virtual ones go in {@code X-Forwarded-Host}. */
    INTERNAL
}
