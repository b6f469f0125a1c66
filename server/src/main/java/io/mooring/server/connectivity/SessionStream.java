package io.mooring.server.connectivity;

import io.mooring.server.connector.ConnectorIdentity;
import io.mooring.tunnel.ConnectorReport;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first stream of every tunnel connection: its answer names the connector's session, which makes the connection
 * usable; its body brings the connector's reports, one JSON object per line, for as long as the connection lives.
 */
final class SessionStream extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = System.getLogger(SessionStream.class.getName());
    private static final int MAX_REPORT_BYTES = 1024 * 1024;
    private static final long ANSWER_TIMEOUT_SECONDS = 10;

    private final Channel connection;
    private final ConnectorIdentity identity;
    private final TunnelLiveness liveness;
    private final JsonMapper json;
    private final Clock clock;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private @Nullable TunnelConnection established;

    private SessionStream(
            Channel connection, ConnectorIdentity identity, TunnelLiveness liveness, JsonMapper json, Clock clock) {
        this.connection = connection;
        this.identity = identity;
        this.liveness = liveness;
        this.json = json;
        this.clock = clock;
    }

    static void open(
            Channel connection, ConnectorIdentity identity, TunnelLiveness liveness, JsonMapper json, Clock clock) {
        SessionStream handler = new SessionStream(connection, identity, liveness, json, clock);
        new io.netty.handler.codec.http2.Http2StreamChannelBootstrap(connection)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), handler);
                    }
                })
                .open()
                .addListener(opened -> {
                    if (!opened.isSuccess()) {
                        connection.close();
                        return;
                    }
                    Channel stream = (Channel) opened.getNow();
                    FullHttpRequest hello = new DefaultFullHttpRequest(
                            HttpVersion.HTTP_1_1, HttpMethod.GET, TunnelProtocol.SESSION_PATH);
                    hello.headers().set(HttpHeaderNames.HOST, TunnelProtocol.CONNECTOR_AUTHORITY);
                    hello.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), "https");
                    hello.headers().set(TunnelProtocol.PROTOCOL_HEADER, TunnelProtocol.VERSION);
                    stream.writeAndFlush(hello);
                    connection
                            .eventLoop()
                            .schedule(
                                    () -> {
                                        if (handler.established == null) {
                                            LOG.log(
                                                    Level.WARNING,
                                                    "Connector {0} did not answer the session stream; closing",
                                                    identity.connectorId());
                                            connection.close();
                                        }
                                    },
                                    ANSWER_TIMEOUT_SECONDS,
                                    TimeUnit.SECONDS);
                });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                answered(response);
            }
            if (msg instanceof HttpContent content && established != null) {
                reports(content.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answered(HttpResponse response) {
        String session = response.headers().get(TunnelProtocol.SESSION_HEADER);
        if (!HttpResponseStatus.OK.equals(response.status()) || session == null || session.isBlank()) {
            LOG.log(
                    Level.WARNING,
                    "Connector {0} answered the session stream with {1}; closing",
                    identity.connectorId(),
                    response.status());
            connection.close();
            return;
        }
        String version = response.headers().get(TunnelProtocol.CONNECTOR_VERSION_HEADER, "unknown");
        established = new TunnelConnection(connection, identity, session, version, clock.instant());
        liveness.established(established);
    }

    private void reports(ByteBuf bytes) {
        while (bytes.isReadable()) {
            byte next = bytes.readByte();
            if (next != '\n') {
                if (line.size() >= MAX_REPORT_BYTES) {
                    connection.close();
                    return;
                }
                line.write(next);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!text.isBlank()) {
                try {
                    established.report(json.readValue(text, ConnectorReport.class));
                } catch (JacksonException e) {
                    LOG.log(
                            Level.WARNING,
                            "Ignored an unreadable report of connector {0}: {1}",
                            identity.connectorId(),
                            e.getOriginalMessage());
                }
            }
        }
    }

    /**
     * Without its session stream a connection is closed, unless the connector said GOAWAY on it first: the connector
     * then closes it itself once the lanes and relays under way are done, which may take longer than a close of
     * Mooring's would wait (after a certificate renewal, a TCP relay may go on for days).
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Http2FrameCodec codec = connection.pipeline().get(Http2FrameCodec.class);
        if (codec == null || !codec.connection().goAwayReceived()) {
            connection.close();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.WARNING, "The session stream of connector " + identity.connectorId() + " failed; closing", cause);
        connection.close();
    }
}
