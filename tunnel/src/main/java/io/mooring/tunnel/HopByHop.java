package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Headers that belong to one hop and must not travel on (RFC 9110 §7.6.1), plus the proxy's own: {@code Proxy-*}
 * and {@code SAP-Connectivity-*}, which are for the connectivity proxy, never for the back end, and Mooring's
 * {@code mooring-*}, which only Mooring may set. Names are compared without allocating: this runs for every header of
 * every proxied request and answer.
 */
public final class HopByHop {
    private static final List<AsciiString> ALWAYS = List.of(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING,
            HttpHeaderNames.UPGRADE,
            AsciiString.cached("http2-settings"));
    private static final List<String> PREFIXES = List.of("proxy-", "sap-connectivity-", "mooring-");
    /** The first letters of the names above, in either case. */
    private static final boolean[] FIRST_LETTERS = new boolean[128];

    static {
        for (CharSequence name : ALWAYS) {
            firstLetter(name);
        }
        PREFIXES.forEach(HopByHop::firstLetter);
    }

    private static void firstLetter(CharSequence name) {
        char first = name.charAt(0);
        FIRST_LETTERS[first] = true;
        FIRST_LETTERS[Character.toUpperCase(first)] = true;
    }

    private HopByHop() {}

    /**
     * Removes the hop-by-hop headers of {@code headers} in place, including those that {@code Connection} names;
     * {@code Host} stays, for the caller to set.
     */
    public static void strip(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        List<CharSequence> doomed = null;
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        while (entries.hasNext()) {
            CharSequence name = entries.next().getKey();
            if (isHopByHop(name) || (connection != null && listed(connection, name))) {
                if (doomed == null) {
                    doomed = new ArrayList<>(4);
                }
                doomed.add(name);
            }
        }
        if (doomed != null) {
            doomed.forEach(headers::remove);
        }
    }

    /** True when {@code name} is a hop-by-hop header name, {@code Connection}'s list aside. */
    public static boolean isHopByHop(CharSequence name) {
        if (name.isEmpty() || !mayBeHopByHop(name.charAt(0))) {
            return false;
        }
        for (AsciiString always : ALWAYS) {
            if (always.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        for (String prefix : PREFIXES) {
            if (name.length() >= prefix.length()
                    && AsciiString.regionMatches(name, true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the header name in {@code bytes} from {@code from} to {@code to} is a hop-by-hop one, as
     * {@link #strip} sees them; read in place, for heads that are passed on as bytes.
     */
    public static boolean isHopByHop(ByteBuf bytes, int from, int to) {
        if (from >= to || !mayBeHopByHop((char) (bytes.getByte(from) & 0xff))) {
            return false;
        }
        for (AsciiString always : ALWAYS) {
            if (HeadBytes.isName(bytes, from, to, always)) {
                return true;
            }
        }
        for (String prefix : PREFIXES) {
            if (HeadBytes.startsWith(bytes, from, to, prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * False for a name whose first letter no hop-by-hop name starts with, which is most names: the others are
     * compared with every hop-by-hop name in turn.
     */
    private static boolean mayBeHopByHop(char first) {
        return first < FIRST_LETTERS.length && FIRST_LETTERS[first];
    }

    /** True when the comma-separated {@code connection} value names {@code name}. */
    public static boolean listed(String connection, CharSequence name) {
        return listed(
                connection,
                name.length(),
                at -> AsciiString.regionMatches(connection, true, at, name, 0, name.length()));
    }

    /**
     * True when the comma-separated {@code connection} value names the header name in {@code bytes} from {@code from}
     * to {@code to}; read in place, for heads that are passed on as bytes.
     */
    public static boolean listed(String connection, ByteBuf bytes, int from, int to) {
        return listed(connection, to - from, at -> {
            for (int i = 0; i < to - from; i++) {
                if (Character.toLowerCase(connection.charAt(at + i))
                        != Character.toLowerCase((char) (bytes.getByte(from + i) & 0xff))) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Whether a message's sender keeps its connection, by its version ({@code http10}) and {@code Connection} value:
     * HTTP/1.1 unless it says close, HTTP/1.0 only when it says keep-alive.
     */
    public static boolean keepsAlive(boolean http10, @Nullable String connection) {
        if (http10) {
            return connection != null && listed(connection, "keep-alive");
        }
        return connection == null || !listed(connection, "close");
    }

    /** True when one of the comma-separated options of {@code connection} has {@code length} and {@code matches}. */
    private static boolean listed(String connection, int length, IntPredicate matches) {
        int start = 0;
        while (start <= connection.length()) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? connection.length() : comma;
            int from = start;
            int to = end;
            while (from < to && connection.charAt(from) == ' ') {
                from++;
            }
            while (to > from && connection.charAt(to - 1) == ' ') {
                to--;
            }
            if (to - from == length && matches.test(from)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }
}
