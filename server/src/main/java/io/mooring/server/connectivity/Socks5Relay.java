package io.mooring.server.connectivity;

import io.mooring.tunnel.TunnelProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A SOCKS5 connection after its CONNECT request: a tunnel stream {@code CONNECT host:port} to the connector, whose
 * DATA frames carry the application's bytes both ways once the connector has answered 200. Each direction pauses
 * while the other side cannot take more, so nothing piles up beyond the tunnel's windows and the sockets' buffers;
 * a half close travels as an end of stream and back.
 *
 * <p>Threads: this handler's methods and the tasks it runs through {@link EventLoops#runOn} run on the application
 * connection's event loop; those of {@link StreamSide} on the stream's, which is usually the same one.
 */
final class Socks5Relay extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = System.getLogger(Socks5Relay.class.getName());

    private final Channel client;
    private final String authority;
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private volatile @Nullable Http2StreamChannel stream;
    private volatile @Nullable ChannelFuture clientOutputEnded;
    private boolean answered;
    private boolean relaying;
    private boolean clientInputEnded;
    private boolean clientClosed;

    Socks5Relay(Channel client, String authority) {
        this.client = client;
        this.authority = authority;
    }

    void start(TunnelConnection connection) {
        connection.openStream(new StreamSide()).addListener(opened -> EventLoops.runOn(client, () -> opened(opened)));
    }

    private void opened(Future<?> opened) {
        if (!opened.isSuccess()) {
            if (answered || clientClosed) {
                return;
            }
            refuse(Socks5CommandStatus.NETWORK_UNREACHABLE, "the tunnel refused a new stream: " + opened.cause());
        } else if (clientClosed) {
            ((Channel) opened.getNow()).close();
        }
    }

    /** The connector's answer: 200 once the back end is connected, 403 when access control denies, else 502. */
    private void answered(int status, @Nullable CharSequence reason) {
        if (clientClosed) {
            return;
        }
        answered = true;
        Http2StreamChannel current = stream;
        if (status != 200 || current == null) {
            refuse(refusal(status), "the connector answered " + status + (reason == null ? "" : " (" + reason + ")"));
            if (current != null) {
                current.close();
            }
            return;
        }
        relaying = true;
        client.writeAndFlush(Socks5Replies.command(client.alloc(), Socks5CommandStatus.SUCCESS));
        ByteBuf pending;
        while ((pending = early.poll()) != null) {
            current.write(new DefaultHttp2DataFrame(pending));
        }
        if (clientInputEnded) {
            current.write(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
        }
        current.flush();
        // Should the early bytes have filled the stream, the next read pauses the application again.
        resumeClient();
    }

    /** Reads the application again, unless it has ended its side (asking a half-closed epoll socket fails). */
    private void resumeClient() {
        if (relaying && !clientInputEnded && client.isActive()) {
            client.config().setAutoRead(true);
        }
    }

    /** 403: access control denied (the ruleset, in RFC 1928's words); 502: the back end did not accept. */
    private static Socks5CommandStatus refusal(int status) {
        return switch (status) {
            case 403 -> Socks5CommandStatus.FORBIDDEN;
            case 502 -> Socks5CommandStatus.HOST_UNREACHABLE;
            default -> Socks5CommandStatus.FAILURE;
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Http2StreamChannel current = stream;
        if (!relaying || current == null) {
            if (answered) {
                bytes.release();
            } else {
                early.add(bytes);
            }
            return;
        }
        current.write(new DefaultHttp2DataFrame(bytes));
        if (!current.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Http2StreamChannel current = stream;
        if (relaying && current != null) {
            current.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            clientInputEnded = true;
            Http2StreamChannel current = stream;
            if (relaying && current != null) {
                current.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Http2StreamChannel current = stream;
        if (client.isWritable() && current != null) {
            current.eventLoop().execute(() -> current.config().setAutoRead(true));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clientClosed = true;
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        Http2StreamChannel current = stream;
        if (current != null) {
            current.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The stream is over: after a clean end the application gets the rest first, otherwise it is cut off. */
    private void streamClosed() {
        if (clientClosed || (answered && !relaying)) {
            return;
        }
        if (!answered) {
            refuse(Socks5CommandStatus.FAILURE, "the tunnel closed the stream before the connector answered");
            return;
        }
        ChannelFuture ended = clientOutputEnded;
        if (ended == null) {
            client.close();
        } else {
            ended.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void refuse(Socks5CommandStatus status, String why) {
        answered = true;
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        LOG.log(Level.DEBUG, "SOCKS5 CONNECT {0} refused: {1}", authority, why);
        client.writeAndFlush(Socks5Replies.command(client.alloc(), status)).addListener(ChannelFutureListener.CLOSE);
    }

    private static int status(@Nullable CharSequence status) {
        try {
            return status == null ? -1 : Integer.parseInt(status.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The tunnel stream's end: the request, the answer, the back end's bytes toward the application. */
    private final class StreamSide extends ChannelInboundHandlerAdapter {
        private boolean headersSeen;
        private boolean connected;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            stream = (Http2StreamChannel) ctx.channel();
            Http2Headers request = new DefaultHttp2Headers()
                    .method(HttpMethod.CONNECT.asciiName())
                    .authority(authority);
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(request, false));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame headers) {
                if (!headersSeen) {
                    headersSeen = true;
                    int status = status(headers.headers().status());
                    connected = status == 200;
                    CharSequence reason = headers.headers().get(TunnelProtocol.DENIAL_HEADER);
                    CharSequence failure = headers.headers().get(TunnelProtocol.BACKEND_ERROR_HEADER);
                    EventLoops.runOn(client, () -> answered(status, reason != null ? reason : failure));
                } else if (connected && headers.isEndStream()) {
                    endClientOutput();
                }
            } else if (msg instanceof Http2DataFrame data && connected) {
                toClient(ctx, data);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        private void toClient(ChannelHandlerContext ctx, Http2DataFrame data) {
            boolean end = data.isEndStream();
            ByteBuf bytes = data.content().retain();
            data.release();
            if (bytes.isReadable()) {
                client.write(bytes);
            } else {
                bytes.release();
            }
            if (end) {
                endClientOutput();
            } else if (!client.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        /** The back end has ended its side: once the application has all the bytes, it reads the end as well. */
        private void endClientOutput() {
            ChannelFuture flushed = client.writeAndFlush(Unpooled.EMPTY_BUFFER);
            clientOutputEnded = flushed;
            flushed.addListener(done -> {
                if (client.isActive()) {
                    ((SocketChannel) client).shutdownOutput();
                }
            });
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                EventLoops.runOn(client, Socks5Relay.this::resumeClient);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            EventLoops.runOn(client, Socks5Relay.this::streamClosed);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
