package io.mooring.connector.access;

/** How the connector hands the application's user on to a back end. */
public enum PrincipalType {
    /** The user is not propagated; {@code mooring-principal} is dropped. */
    NONE,
    /** A short-lived certificate for the user, issued by the connector's principal CA, in {@code SSL_CLIENT_CERT}. */
    X509_CERTIFICATE
}
