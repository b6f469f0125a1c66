package io.mooring.connector.forward;

import io.mooring.connector.access.SystemMapping;

/** Redirects of a back end, seen from the application: they point at the virtual host, not the internal one. */
final class Redirects {
    private Redirects() {}

    /**
     * {@code location} with the internal host and port of {@code mapping} (with or without its port, over HTTP or
     * HTTPS) replaced by the virtual ones; any other location as it is.
     */
    static String toVirtual(String location, SystemMapping mapping) {
        for (String scheme : new String[] {"http://", "https://"}) {
            String internal = scheme + mapping.internalHost() + ":" + mapping.internalPort();
            String internalDefault = scheme + mapping.internalHost();
            String rest = null;
            if (location.startsWith(internal)) {
                rest = location.substring(internal.length());
            } else if (location.startsWith(internalDefault)
                    && (location.length() == internalDefault.length()
                            || "/?#".indexOf(location.charAt(internalDefault.length())) >= 0)) {
                rest = location.substring(internalDefault.length());
            }
            if (rest != null && (rest.isEmpty() || "/?#".indexOf(rest.charAt(0)) >= 0)) {
                return "http://" + mapping.virtualHost() + ":" + mapping.virtualPort() + rest;
            }
        }
        return location;
    }
}
