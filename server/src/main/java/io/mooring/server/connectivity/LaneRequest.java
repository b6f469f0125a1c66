package io.mooring.server.connectivity;

import io.mooring.tunnel.HopByHop;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A proxied request as it goes on a lane, written as HTTP/1.1 bytes in one pass over the decoded request: origin-form,
 * the virtual host in {@code Host}, the proxy's own and the hop-by-hop headers left out ({@link HopByHop}), the
 * propagated user in {@link TunnelProtocol#PRINCIPAL_HEADER}. A body goes on as it came, a chunked one in chunks again.
 * Header values are written byte for byte as the decoder read them (ISO-8859-1), so obs-text survives.
 */
final class LaneRequest {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SEPARATOR = {':', ' '};
    private static final byte[] VERSION = " HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};

    private final boolean chunked;

    private LaneRequest(boolean chunked) {
        this.chunked = chunked;
    }

    /** For a request whose body the application sends in chunks ({@code chunked}), or by its length, or not at all. */
    static LaneRequest of(boolean chunked) {
        return new LaneRequest(chunked);
    }

    /** The request's head: request line, headers and the empty line. */
    ByteBuf head(
            ByteBufAllocator alloc,
            HttpRequest request,
            String authority,
            String pathAndQuery,
            @Nullable String principal) {
        HttpHeaders headers = request.headers();
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        ByteBuf head = alloc.buffer(256);
        ByteBufUtil.writeAscii(head, request.method().asciiName());
        head.writeByte(' ');
        ByteBufUtil.writeAscii(head, pathAndQuery);
        head.writeBytes(VERSION);
        header(head, HttpHeaderNames.HOST, authority);
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        while (entries.hasNext()) {
            Map.Entry<CharSequence, CharSequence> entry = entries.next();
            CharSequence name = entry.getKey();
            if (HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)
                    || HopByHop.isHopByHop(name)
                    || (connection != null && HopByHop.listed(connection, name))) {
                continue;
            }
            header(head, name, entry.getValue());
        }
        if (principal != null) {
            header(head, TunnelProtocol.PRINCIPAL_HEADER, principal);
        }
        if (chunked) {
            header(head, HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        }
        return head.writeBytes(CRLF);
    }

    /** A part of the request's body as it goes on the lane; takes over {@code content}. */
    ByteBuf body(ByteBufAllocator alloc, HttpContent content) {
        ByteBuf data = content.content();
        boolean last = content instanceof LastHttpContent;
        if (!chunked) {
            return data;
        }
        int size = data.readableBytes();
        if (size == 0 && !last) {
            return data;
        }
        CompositeByteBuf framed = alloc.compositeBuffer(3);
        if (size > 0) {
            ByteBuf sizeLine = alloc.buffer(10);
            ByteBufUtil.writeAscii(sizeLine, Integer.toHexString(size));
            sizeLine.writeBytes(CRLF);
            framed.addComponents(true, sizeLine, data, Unpooled.wrappedBuffer(CRLF));
        } else {
            data.release();
        }
        if (last) {
            ByteBuf end = alloc.buffer(LAST_CHUNK.length + CRLF.length);
            end.writeBytes(LAST_CHUNK);
            ((LastHttpContent) content)
                    .trailingHeaders()
                    .iteratorCharSequence()
                    .forEachRemaining(trailer -> header(end, trailer.getKey(), trailer.getValue()));
            framed.addComponent(true, end.writeBytes(CRLF));
        }
        return framed;
    }

    private static void header(ByteBuf head, CharSequence name, CharSequence value) {
        ByteBufUtil.writeAscii(head, name);
        head.writeBytes(SEPARATOR);
        ByteBufUtil.writeAscii(head, value);
        head.writeBytes(CRLF);
    }
}
