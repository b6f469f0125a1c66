package io.mooring.server.connectivity;

import io.mooring.tunnel.HeadBytes;
import io.mooring.tunnel.RequestHead;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;

/**
 * A proxied request's head as it goes on the lane: origin-form, the virtual host in {@code Host}, the proxy's own and
 * the hop-by-hop headers left out ({@link io.mooring.tunnel.HopByHop}), and {@code Expect}, which the proxy answers;
 * the propagated user in {@link TunnelProtocol#PRINCIPAL_HEADER}. The other header lines go on byte for byte. A request
 * that asks to upgrade keeps {@code Upgrade} and names it in {@code Connection}: the back end decides.
 */
final class LaneHead {
    private LaneHead() {}

    static ByteBuf of(
            RequestHead request,
            ByteBufAllocator alloc,
            String authority,
            String pathAndQuery,
            @Nullable String principal,
            @Nullable String upgrade) {
        ByteBuf lane = alloc.buffer(request.size() + pathAndQuery.length() + 64);
        HeadBytes.writeRequestLine(lane, request.method(), pathAndQuery);
        HeadBytes.writeHeader(lane, HttpHeaderNames.HOST, authority);
        for (int i = 0; i < request.headers(); i++) {
            if (!request.isName(i, HttpHeaderNames.HOST)
                    && !request.isName(i, HttpHeaderNames.EXPECT)
                    && !request.isHopByHop(i)) {
                request.writeLine(i, lane);
            }
        }
        if (principal != null) {
            HeadBytes.writeHeader(lane, TunnelProtocol.PRINCIPAL_HEADER, principal);
        }
        if (upgrade != null) {
            HeadBytes.writeUpgrade(lane, upgrade);
        }
        if (request.chunked()) {
            lane.writeBytes(HeadBytes.CHUNKED_LINE);
        }
        return HeadBytes.writeEnd(lane);
    }
}
