package io.mooring.tunnel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.logging.LogLevel;
import io.netty.util.AsciiString;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.time.Duration;
import java.util.List;

/**
 * What Mooring's tunnel endpoint and the connector agree on.
 *
 * <p>The connector dials out over TLS 1.3 with its client certificate; inside, the roles of HTTP/2 are reversed:
 * Mooring is the HTTP/2 client and opens the streams, the connector answers them. An application's connection to
 * the HTTP proxy becomes one {@linkplain #HTTP_PATH HTTP lane}: a stream whose DATA frames carry its HTTP/1.1
 * requests and the back end's answers, one after another, so that a request costs no stream of its own. A SOCKS5
 * connection becomes a {@code CONNECT} stream of raw bytes. The first
 * stream on every connection is the {@linkplain #SESSION_PATH session stream}: its response headers name the
 * connector's session and its body carries {@link ConnectorReport}s, one JSON object per line, whenever the exposed
 * systems or their health change.
 */
public final class TunnelProtocol {
    /** Bumped when either side needs the other to understand something new. */
    public static final String VERSION = "1";

    /** The ALPN protocol both sides require: plain HTTP/2. */
    public static final String ALPN = "h2";

    public static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3");

    /** Path of the session stream, with {@link #CONNECTOR_AUTHORITY} as its authority. */
    public static final String SESSION_PATH = "/.mooring/session";

    public static final String CONNECTOR_AUTHORITY = "connector";

    /**
     * Path of an HTTP lane (method {@code POST}, authority {@link #CONNECTOR_AUTHORITY}): the connector answers
     * {@code 200} at once, then both sides speak HTTP/1.1 in the stream's DATA frames (see {@link StreamBytes}).
     * Requests carry the virtual host in {@code Host} and origin-form targets; the connector answers each in order.
     */
    public static final String HTTP_PATH = "/.mooring/http";

    /** Response header of the session stream: the connector process's session, shared by its pooled connections. */
    public static final AsciiString SESSION_HEADER = AsciiString.cached("mooring-session");

    /** Response header of the session stream: this connection's place in the connector's pool. */
    public static final AsciiString CONNECTION_HEADER = AsciiString.cached("mooring-connection");

    public static final AsciiString PROTOCOL_HEADER = AsciiString.cached("mooring-protocol");

    public static final AsciiString CONNECTOR_VERSION_HEADER = AsciiString.cached("mooring-connector-version");

    /**
     * Request header: the user on whose behalf the application calls, verified by Mooring from
     * {@code SAP-Connectivity-Authentication}; the connector propagates it as its system mapping says.
     */
    public static final AsciiString PRINCIPAL_HEADER = AsciiString.cached("mooring-principal");

    /** Response header: why the connector refused a request (one of {@code Denial} codes); absent when forwarded. */
    public static final AsciiString DENIAL_HEADER = AsciiString.cached("mooring-denial");

    /** Response header: the connector could not reach the back end; the value says what failed. */
    public static final AsciiString BACKEND_ERROR_HEADER = AsciiString.cached("mooring-backend-error");

    /** GOAWAY debug data sent to a session that a newer session of the same connector replaced. */
    public static final String REPLACED = "replaced by a newer session of this connector";

    /** A stream may hold this much unread data; the connector stops reading its back end beyond it. */
    public static final int STREAM_WINDOW = 4 * 1024 * 1024;

    /** All streams of one connection together may hold this much unread data: the bound of a connection's buffers. */
    public static final int CONNECTION_WINDOW = 16 * 1024 * 1024;

    /** HTTP/2's initial connection window, which a connection update enlarges to {@link #CONNECTION_WINDOW}. */
    public static final int DEFAULT_WINDOW = 65_535;

    public static final int MAX_FRAME_SIZE = 64 * 1024;

    /**
     * How much a tunnel connection may hold unsent before its streams pause (1 MiB; they resume at 512 KiB), on both
     * ends. With Netty's 64 KiB the streams of a bulk answer paused and resumed every few frames; at 1 MiB the
     * benchmark's 1 MiB answers moved 12-36 % more with less CPU in the connector. It bounds what waits in memory per
     * connection.
     */
    public static final WriteBufferWaterMark WRITE_BUFFER = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);

    private static final String FRAMES_LOGGER = "io.mooring.tunnel.frames.";
    static final int LANE_MAX_LINE_BYTES = 16 * 1024;
    static final int LANE_MAX_HEADER_BLOCK_BYTES = 64 * 1024;

    public static final long MAX_CONCURRENT_STREAMS = 10_000;

    /** Header blocks beyond this size are refused, in line with the proxy's 8 KiB per line. */
    public static final long MAX_HEADER_LIST_SIZE = 64 * 1024;

    /**
     * How often Mooring pings an idle connection, and how long either side waits before it gives one up. Both ends
     * watch the connection's encrypted bytes, next to the socket, where a batch of frames is one read or one write.
     */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(10);

    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(35);

    private TunnelProtocol() {}

    /**
     * Closes a tunnel connection's socket at once, past HTTP/2's graceful close (GOAWAY, then up to 10 s for open
     * streams) and TLS's close_notify: for a peer that has fallen silent, which would answer neither, and for drills
     * of a failing network. The connection's streams fail at once.
     */
    public static void cut(Channel connection) {
        ChannelHandlerContext socketSide = connection.pipeline().firstContext();
        if (socketSide != null) {
            socketSide.close();
        } else {
            connection.close();
        }
    }

    /**
     * The HTTP/2 codec of one tunnel end, built from the side's settings.
     *
     * <p>A frame that spans several reads (a 64 KiB DATA frame arrives in as many pieces as the socket reads
     * decrypted) is gathered as a composite of those pieces instead of being copied into one buffer: that copy was
     * about 9 % of the server's CPU while it relayed 1 MiB answers. An HTTP lane's {@link StreamBytes} copies such a
     * frame once, where its HTTP/1.1 decoder needs the bytes in one piece.
     *
     * <p>Every frame is logged at DEBUG under the logger {@code io.mooring.tunnel.frames.<side>} when that logger is
     * at DEBUG as the connection starts, the quickest way to see what the two ends say to each other. Connections
     * made while it is off go without a frame logger, which would cost every frame a check.
     */
    public static Http2FrameCodec frameCodec(Http2FrameCodecBuilder builder, String side) {
        String name = FRAMES_LOGGER + side;
        if (InternalLoggerFactory.getInstance(name).isDebugEnabled()) {
            builder.frameLogger(new Http2FrameLogger(LogLevel.DEBUG, name));
        }
        Http2FrameCodec codec = builder.build();
        codec.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        return codec;
    }

    /**
     * How the connector reads the requests on an HTTP lane: where they lie, and without scanning their header values
     * again, as the proxy's port checked them where they entered. Answers are not decoded at all ({@link
     * AnswerFramer}).
     */
    public static RequestDecoder laneRequests() {
        return RequestDecoder.trusted(LANE_MAX_LINE_BYTES, LANE_MAX_LINE_BYTES + LANE_MAX_HEADER_BLOCK_BYTES);
    }

    /**
     * Both ends' flush policy on a tunnel connection: flushes of its streams within one turn of the event loop (the
     * answers of many back ends read together, say) leave as one batch of TLS records and one write.
     */
    public static FlushConsolidationHandler flushConsolidation() {
        return new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
    }

    /** The HTTP/2 settings the connector announces, as the HTTP/2 server. */
    public static Http2Settings connectorSettings() {
        return new Http2Settings()
                .initialWindowSize(STREAM_WINDOW)
                .maxFrameSize(MAX_FRAME_SIZE)
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .maxHeaderListSize(MAX_HEADER_LIST_SIZE);
    }

    /** The HTTP/2 settings Mooring announces, as the HTTP/2 client: the connector's, and no server push. */
    public static Http2Settings mooringSettings() {
        return connectorSettings().pushEnabled(false);
    }
}
