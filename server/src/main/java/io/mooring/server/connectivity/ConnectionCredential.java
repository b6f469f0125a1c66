package io.mooring.server.connectivity;

import org.jspecify.annotations.Nullable;

/**
 * The proxy credential of one application connection: an application sends the same {@code Proxy-Authorization} with
 * every request, so the connection keeps the admission of the last one and reuses it while the header is the same and
 * the admission holds, instead of looking the token up again.
 */
final class ConnectionCredential {
    private final ProxyAuthorization authorization;
    private @Nullable String header;
    private ProxyAuthorization.@Nullable Admission admission;

    ConnectionCredential(ProxyAuthorization authorization) {
        this.authorization = authorization;
    }

    /** The admission of {@code header}, or null when its token is not one of a connectivity binding. */
    ProxyAuthorization.@Nullable Admission admit(@Nullable String header) {
        ProxyAuthorization.Admission known = admission;
        if (known != null && header != null && header.equals(this.header) && authorization.holds(known)) {
            return known;
        }
        ProxyAuthorization.Admission fresh = authorization.admit(header).orElse(null);
        admission = fresh;
        this.header = fresh == null ? null : header;
        return fresh;
    }
}
