package io.mooring.server.connectivity;

import io.mooring.tunnel.AnswerFramer;
import io.mooring.tunnel.StreamBytes;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * An application connection's HTTP lane to a connector: one tunnel stream, opened with the connection's first
 * request and kept for the requests after it while they go to the same connector, so that a request costs bytes on
 * an open stream rather than a stream of its own. The stream carries HTTP/1.1 (see {@link TunnelProtocol#HTTP_PATH}).
 * Requests go onto it as bytes ({@link LaneRequest}); answers are not decoded: the {@link AnswerFramer} only finds where each ends, and
 * the {@link ProxiedExchange} of the request in progress passes the connector's bytes on to the application.
 *
 * <p>Threads: {@code open}, {@code attach}, {@code serves} and {@code close} run on the application connection's
 * event loop; the handler methods on the stream's, which is usually the same one.
 */
final class TunnelLane extends ChannelInboundHandlerAdapter {
    private final TunnelConnection connection;
    private final ConnectorKey key;
    private final Channel client;
    private final AnswerFramer answers = AnswerFramer.framed();
    private volatile @Nullable Http2StreamChannel stream;
    private volatile @Nullable ProxiedExchange exchange;
    private volatile boolean closed;
    /** Its connection is going away: the lane closes once the answer under way is complete. */
    private volatile boolean retiring;

    private @Nullable String failure;

    private TunnelLane(TunnelConnection connection, ConnectorKey key, Channel client) {
        this.connection = connection;
        this.key = key;
        this.client = client;
    }

    /** Opens a lane on {@code connection}; requests can be attached at once and go out when the stream is open. */
    static TunnelLane open(TunnelConnection connection, ConnectorKey key, Channel client) {
        TunnelLane lane = new TunnelLane(connection, key, client);
        connection.laneOpened(lane);
        connection
                .openStream(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel channel) {
                        channel.pipeline()
                                .addLast("bytes", StreamBytes.asReceived())
                                .addLast("answers", lane.answers)
                                .addLast("lane", lane);
                    }
                })
                .addListener(opened -> EventLoops.runOn(client, () -> lane.opened(opened)));
        return lane;
    }

    private void opened(Future<?> opened) {
        if (!opened.isSuccess()) {
            closed = true;
            failure = "the tunnel to the connector refused a new stream ("
                    + opened.cause().getMessage() + ")";
            ProxiedExchange current = exchange;
            if (current != null) {
                exchange = null;
                current.streamFailed(failure);
            }
            return;
        }
        Http2StreamChannel channel = (Http2StreamChannel) opened.getNow();
        if (closed) {
            channel.close();
            return;
        }
        stream = channel;
        channel.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers()
                .method(HttpMethod.POST.asciiName())
                .scheme("https")
                .authority(TunnelProtocol.CONNECTOR_AUTHORITY)
                .path(TunnelProtocol.HTTP_PATH)));
        ProxiedExchange current = exchange;
        if (current != null) {
            current.streamReady(channel);
        } else {
            channel.flush();
        }
    }

    /** True while requests to {@code target} can go on this lane. */
    boolean serves(ConnectorKey target) {
        return !closed && key.equals(target) && connection.usable();
    }

    /** Makes {@code next} the lane's request in progress; its request goes out as soon as the stream is open. */
    void attach(ProxiedExchange next) {
        exchange = next;
        answers.expect(next.headRequest(), next.upgrade());
        Http2StreamChannel current = stream;
        if (current != null) {
            if (client.isWritable()) {
                current.config().setAutoRead(true);
            }
            next.streamReady(current);
        } else if (failure != null) {
            exchange = null;
            next.streamFailed(failure);
        }
    }

    void close() {
        closed = true;
        exchange = null;
        connection.laneClosed(this);
        Http2StreamChannel current = stream;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Its tunnel connection is going away (the connector drains it): the lane closes now if no request is under way,
     * otherwise once the answer is complete. The application's next request takes a new lane.
     */
    void retire() {
        retiring = true;
        EventLoops.runOn(client, () -> {
            if (exchange == null) {
                close();
            }
        });
    }

    /** Called on the stream's event loop by the exchange whose answer is complete. */
    void detach(ProxiedExchange done) {
        if (exchange == done) {
            exchange = null;
            if (retiring) {
                EventLoops.runOn(client, this::close);
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ProxiedExchange current = exchange;
        if (current == null) {
            // An answer nobody asked for: the lane is out of step and cannot be trusted any more.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        current.responseRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ProxiedExchange current = exchange;
        if (current != null && ctx.channel().isWritable()) {
            EventLoops.runOn(client, current::streamWritable);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        connection.laneClosed(this);
        ProxiedExchange current = exchange;
        exchange = null;
        if (current != null) {
            current.streamClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
