package io.mooring.connector.config;

/** What the connector writes to its audit log. */
public enum AuditLevel {
    /** Denied requests and configuration changes. */
    SECURITY,
    /** Everything {@link #SECURITY} logs, and every allowed request. */
    ALL,
    /** Nothing. */
    OFF
}
