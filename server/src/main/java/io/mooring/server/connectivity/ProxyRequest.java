package io.mooring.server.connectivity;

import io.mooring.tunnel.HeadBytes;
import io.mooring.tunnel.HopByHop;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The head of an application's request to the HTTP proxy as {@link ProxyRequestDecoder} read it: the request line,
 * the few headers the proxy acts on, and where every header line lies in the head's bytes, so that the request can go
 * on to the connector as those bytes ({@link #onLane}) instead of being decoded into objects and encoded again.
 *
 * <p>It holds the head's buffer: whoever takes it releases it.
 */
final class ProxyRequest {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SEPARATOR = {':', ' '};
    private static final byte[] VERSION = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "transfer-encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuf head;
    private final String method;
    private final String target;
    private final boolean http10;
    /** Per header line: where it starts, where its colon is, where the next line starts. */
    private int[] lines = new int[3 * 8];

    private int count;
    private @Nullable String proxyAuthorization;
    private @Nullable String authentication;
    private String locationId = "";
    private @Nullable String connection;
    private long contentLength = -1;
    private boolean transferEncoding;
    private boolean chunked;
    private boolean expectsContinue;

    ProxyRequest(ByteBuf head, String method, String target, boolean http10) {
        this.head = head;
        this.method = method;
        this.target = target;
        this.http10 = http10;
    }

    /** Records a header line; the decoder has checked its name and value. */
    void header(int lineStart, int colon, int valueStart, int valueEnd, int nextLine) {
        if (3 * count == lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[3 * count] = lineStart;
        lines[3 * count + 1] = colon;
        lines[3 * count + 2] = nextLine;
        count++;
        switch (Character.toLowerCase((char) head.getByte(lineStart))) {
            case 'p' -> {
                if (HeadBytes.isName(head, lineStart, colon, HttpHeaderNames.PROXY_AUTHORIZATION)) {
                    proxyAuthorization = text(valueStart, valueEnd);
                }
            }
            case 's' -> {
                if (HeadBytes.isName(head, lineStart, colon, HttpProxyFrontend.AUTHENTICATION_HEADER)) {
                    authentication = text(valueStart, valueEnd);
                } else if (HeadBytes.isName(head, lineStart, colon, HttpProxyFrontend.LOCATION_ID_HEADER)) {
                    locationId = text(valueStart, valueEnd);
                }
            }
            case 'c' -> {
                if (HeadBytes.isName(head, lineStart, colon, HttpHeaderNames.CONNECTION)) {
                    String value = text(valueStart, valueEnd);
                    connection = connection == null ? value : connection + "," + value;
                } else if (HeadBytes.isName(head, lineStart, colon, HttpHeaderNames.CONTENT_LENGTH)) {
                    long length = HeadBytes.contentLength(head, valueStart, valueEnd);
                    if (contentLength >= 0 && contentLength != length) {
                        throw new DecoderException("two different Content-Length headers");
                    }
                    contentLength = length;
                }
            }
            case 't' -> {
                if (HeadBytes.isName(head, lineStart, colon, HttpHeaderNames.TRANSFER_ENCODING)) {
                    transferEncoding = true;
                    chunked = HeadBytes.endsWithChunked(head, valueStart, valueEnd);
                }
            }
            case 'e' -> {
                if (HeadBytes.isName(head, lineStart, colon, HttpHeaderNames.EXPECT)) {
                    expectsContinue = "100-continue".equalsIgnoreCase(text(valueStart, valueEnd));
                }
            }
            default -> {}
        }
    }

    private String text(int from, int to) {
        return head.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }

    String method() {
        return method;
    }

    /** The request target as sent: absolute-form for a proxy. */
    String target() {
        return target;
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    @Nullable
    String proxyAuthorization() {
        return proxyAuthorization;
    }

    /** {@code SAP-Connectivity-Authentication}: the token of a user to propagate. */
    @Nullable
    String authentication() {
        return authentication;
    }

    /** {@code SAP-Connectivity-SCC-Location_ID}, trimmed; empty for the default connector. */
    String locationId() {
        return locationId.trim();
    }

    boolean hasContentLength() {
        return contentLength >= 0;
    }

    boolean hasTransferEncoding() {
        return transferEncoding;
    }

    boolean chunked() {
        return chunked;
    }

    /** The body's length when it is not chunked: 0 when the head names none. */
    long contentLength() {
        return Math.max(contentLength, 0);
    }

    boolean http10() {
        return http10;
    }

    boolean expectsContinue() {
        return expectsContinue && !http10;
    }

    /** Whether the application keeps its connection after this request: HTTP/1.1 unless it says close. */
    boolean keepAlive() {
        String options = connection;
        if (http10) {
            return options != null && HopByHop.listed(options, "keep-alive");
        }
        return options == null || !HopByHop.listed(options, "close");
    }

    /**
     * The request's head as it goes on the lane: origin-form {@code pathAndQuery}, the virtual host {@code authority}
     * in {@code Host}, the proxy's own and the hop-by-hop headers left out ({@link HopByHop}, {@code Expect}, which the
     * proxy answers), the propagated user in {@link TunnelProtocol#PRINCIPAL_HEADER}. The other header lines go on
     * byte for byte.
     */
    ByteBuf onLane(ByteBufAllocator alloc, String authority, String pathAndQuery, @Nullable String principal) {
        ByteBuf lane = alloc.buffer(head.readableBytes() + pathAndQuery.length() + 64);
        ByteBufUtil.writeAscii(lane, method);
        lane.writeByte(' ');
        ByteBufUtil.writeAscii(lane, pathAndQuery);
        lane.writeBytes(VERSION);
        header(lane, HttpHeaderNames.HOST, authority);
        String options = connection;
        for (int i = 0; i < count; i++) {
            int start = lines[3 * i];
            int colon = lines[3 * i + 1];
            if (HeadBytes.isName(head, start, colon, HttpHeaderNames.HOST)
                    || HeadBytes.isName(head, start, colon, HttpHeaderNames.EXPECT)
                    || HopByHop.isHopByHop(head, start, colon)
                    || (options != null && HopByHop.listed(options, text(start, colon)))) {
                continue;
            }
            lane.writeBytes(head, start, lines[3 * i + 2] - start);
        }
        if (principal != null) {
            header(lane, TunnelProtocol.PRINCIPAL_HEADER, principal);
        }
        if (chunked) {
            lane.writeBytes(CHUNKED);
        }
        return lane.writeBytes(CRLF);
    }

    private static void header(ByteBuf lane, CharSequence name, CharSequence value) {
        ByteBufUtil.writeAscii(lane, name);
        lane.writeBytes(SEPARATOR);
        ByteBufUtil.writeAscii(lane, value);
        lane.writeBytes(CRLF);
    }

    void release() {
        head.release();
    }

    /** The end of a request's body, or of a request without one. */
    enum End {
        INSTANCE
    }

    /** A request the decoder could not read: the proxy answers with the problem and closes the connection. */
    record Refusal(ProxyProblem problem, String detail) {}
}
