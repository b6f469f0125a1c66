package io.mooring.server.connectivity;

import io.mooring.tunnel.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The proxy credential of one application connection: an application sends the same {@code Proxy-Authorization} with
 * every request, so the connection keeps the admission of the last one and reuses it while the header is the same and
 * the admission holds, instead of looking the token up again. The header is compared where it lies in the request.
 */
final class ConnectionCredential {
    private final ProxyAuthorization authorization;
    private @Nullable ByteBuffer header;
    private ProxyAuthorization.@Nullable Admission admission;

    ConnectionCredential(ProxyAuthorization authorization) {
        this.authorization = authorization;
    }

    /** The admission of the request's {@code Proxy-Authorization}, or null when it names no connectivity binding. */
    ProxyAuthorization.@Nullable Admission admit(RequestHead request) {
        int line = request.find(HttpHeaderNames.PROXY_AUTHORIZATION);
        ProxyAuthorization.Admission known = admission;
        ByteBuffer remembered = header;
        if (known != null
                && remembered != null
                && line >= 0
                && request.valueIs(line, remembered)
                && authorization.holds(known)) {
            return known;
        }
        String value = line < 0 ? null : request.value(line);
        ProxyAuthorization.Admission fresh = authorization.admit(value).orElse(null);
        admission = fresh;
        header = fresh == null || value == null ? null : ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1));
        return fresh;
    }
}
