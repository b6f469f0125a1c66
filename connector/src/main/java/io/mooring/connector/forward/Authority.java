package io.mooring.connector.forward;

import org.jspecify.annotations.Nullable;

/** A host and port as an HTTP/2 {@code :authority} or a Host header names them. */
record Authority(String host, int port) {
    static @Nullable Authority parse(@Nullable String authority, int defaultPort) {
        if (authority == null || authority.isBlank()) {
            return null;
        }
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']')) {
            return new Authority(unbracket(authority), defaultPort);
        }
        try {
            int port = Integer.parseInt(authority.substring(colon + 1));
            return port > 0 && port < 65536 ? new Authority(unbracket(authority.substring(0, colon)), port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
