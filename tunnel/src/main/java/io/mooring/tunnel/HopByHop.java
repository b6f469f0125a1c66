package io.mooring.tunnel;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers that belong to one hop and must not travel on (RFC 9110 §7.6.1), plus the proxy's own: {@code Proxy-*}
 * and {@code SAP-Connectivity-*}, which are for the connectivity proxy, never for the back end.
 */
public final class HopByHop {
    private static final Set<String> ALWAYS = Set.of(
            "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "host", "http2-settings");

    private HopByHop() {}

    /** Copies the end-to-end headers of {@code from} into {@code to}; {@code Host} is left to the caller. */
    public static void copyEndToEnd(HttpHeaders from, HttpHeaders to) {
        Set<String> listed = listedInConnection(from);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!isHopByHop(name) && (listed.isEmpty() || !listed.contains(name))) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    /** Removes the hop-by-hop headers of {@code headers} in place. */
    public static void strip(HttpHeaders headers) {
        Set<String> listed = listedInConnection(headers);
        headers.names().stream()
                .filter(name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    return (isHopByHop(lower) && !"host".equals(lower)) || listed.contains(lower);
                })
                .toList()
                .forEach(headers::remove);
    }

    private static boolean isHopByHop(String lowerName) {
        return ALWAYS.contains(lowerName)
                || lowerName.startsWith("proxy-")
                || lowerName.startsWith("sap-connectivity-")
                || lowerName.startsWith("mooring-");
    }

    private static Set<String> listedInConnection(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection == null) {
            return Set.of();
        }
        Set<String> listed = new HashSet<>();
        for (String token : connection.split(",")) {
            String name = token.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                listed.add(name);
            }
        }
        return listed;
    }
}
