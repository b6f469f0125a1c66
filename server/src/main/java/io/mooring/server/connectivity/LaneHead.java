package io.mooring.server.connectivity;

import io.mooring.tunnel.RequestHead;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A proxied request's head as it goes on the lane: origin-form, the virtual host in {@code Host}, the proxy's own and
 * the hop-by-hop headers left out ({@link io.mooring.tunnel.HopByHop}), and {@code Expect}, which the proxy answers;
 * the propagated user in {@link TunnelProtocol#PRINCIPAL_HEADER}. The other header lines go on byte for byte.
 */
final class LaneHead {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SEPARATOR = {':', ' '};
    private static final byte[] VERSION = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "transfer-encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);

    private LaneHead() {}

    static ByteBuf of(
            RequestHead request,
            ByteBufAllocator alloc,
            String authority,
            String pathAndQuery,
            @Nullable String principal) {
        ByteBuf lane = alloc.buffer(request.size() + pathAndQuery.length() + 64);
        ByteBufUtil.writeAscii(lane, request.method());
        lane.writeByte(' ');
        ByteBufUtil.writeAscii(lane, pathAndQuery);
        lane.writeBytes(VERSION);
        header(lane, HttpHeaderNames.HOST, authority);
        for (int i = 0; i < request.headers(); i++) {
            if (!request.isName(i, HttpHeaderNames.HOST)
                    && !request.isName(i, HttpHeaderNames.EXPECT)
                    && !request.isHopByHop(i)) {
                request.writeLine(i, lane);
            }
        }
        if (principal != null) {
            header(lane, TunnelProtocol.PRINCIPAL_HEADER, principal);
        }
        if (request.chunked()) {
            lane.writeBytes(CHUNKED);
        }
        return lane.writeBytes(CRLF);
    }

    static void header(ByteBuf out, CharSequence name, CharSequence value) {
        ByteBufUtil.writeAscii(out, name);
        out.writeBytes(SEPARATOR);
        ByteBufUtil.writeAscii(out, value);
        out.writeBytes(CRLF);
    }
}
