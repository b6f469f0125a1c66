package io.mooring.connector.forward;

import io.mooring.connector.access.TcpDecision;
import io.mooring.tunnel.Transports;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A TCP stream ({@code CONNECT host:port}, from Mooring's SOCKS5 proxy): once a TCP system mapping allows it, the
 * stream's DATA frames are the bytes to and from the back end, each direction pausing while the other is full.
 */
final class TcpExchange extends ChannelInboundHandlerAdapter {
    private final Forwarding forwarding;
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private @Nullable Channel stream;
    private @Nullable Channel backend;
    private boolean inputEnded;
    private boolean outputEnded;
    private boolean backendInputEnded;

    TcpExchange(Forwarding forwarding) {
        this.forwarding = forwarding;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers) {
            begin(ctx.channel(), headers);
        } else if (msg instanceof Http2DataFrame data) {
            data(data);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(Channel channel, Http2HeadersFrame headers) {
        stream = channel;
        CharSequence authorityText = headers.headers().authority();
        Authority target = Authority.parse(authorityText == null ? null : authorityText.toString(), -1);
        TcpDecision decision = target == null || target.port() < 0
                ? null
                : forwarding.accessControl().get().decideTcp(target.host(), target.port());
        if (!(decision instanceof TcpDecision.Allowed allowed)) {
            String code = "NO_MAPPING";
            if (decision instanceof TcpDecision.Denied denied) {
                code = denied.denial().name();
                forwarding
                        .audit()
                        .denied(target.host(), target.port(), "CONNECT", "", null, denied.denial(), denied.message());
            }
            answer(channel, "403", TunnelProtocol.DENIAL_HEADER, code, true);
            channel.close();
            return;
        }
        forwarding.audit().allowed(target.host(), target.port(), "CONNECT", "", null);
        channel.config().setAutoRead(false);
        new Bootstrap()
                .group(channel.eventLoop())
                .channel(Transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, BackendPool.CONNECT_TIMEOUT_MILLIS)
                .handler(new BackendRelay())
                .connect(allowed.mapping().internalHost(), allowed.mapping().internalPort())
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        answer(channel, "502", TunnelProtocol.BACKEND_ERROR_HEADER, "unreachable", true);
                        channel.close();
                        return;
                    }
                    backend = connected.channel();
                    answer(channel, "200", null, null, false);
                    ByteBuf pending;
                    while ((pending = early.poll()) != null) {
                        backend.write(pending);
                    }
                    backend.flush();
                    if (inputEnded) {
                        ((SocketChannel) backend).shutdownOutput();
                    }
                    channel.config().setAutoRead(true);
                });
    }

    private static void answer(
            Channel channel, String status, @Nullable CharSequence header, @Nullable String value, boolean end) {
        DefaultHttp2Headers headers = new DefaultHttp2Headers();
        headers.status(status);
        if (header != null && value != null) {
            headers.set(header, value);
        }
        channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, end));
    }

    private void data(Http2DataFrame data) {
        boolean end = data.isEndStream();
        ByteBuf bytes = data.content().retain();
        data.release();
        Channel current = backend;
        if (current == null) {
            early.add(bytes);
            inputEnded |= end;
            return;
        }
        if (bytes.isReadable()) {
            current.writeAndFlush(bytes);
        } else {
            bytes.release();
        }
        if (end) {
            ((SocketChannel) current).shutdownOutput();
        }
        if (!current.isWritable() && stream != null) {
            stream.config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel current = backend;
        // Reading again from a socket whose input has ended fails on epoll and closes it, output and all.
        if (ctx.channel().isWritable() && current != null && !backendInputEnded) {
            current.config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        Channel current = backend;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The back end's side: its bytes become DATA frames; its end ends the stream. */
    private final class BackendRelay extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel current = stream;
            if (current == null || !(msg instanceof ByteBuf bytes)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            current.write(new DefaultHttp2DataFrame(bytes));
            if (!current.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel current = stream;
            if (current != null) {
                current.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Channel current = stream;
            if (ctx.channel().isWritable() && current != null) {
                current.config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                backendInputEnded = true;
                endStream();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            endStream();
        }

        private void endStream() {
            Channel current = stream;
            if (current != null && current.isActive() && !outputEnded) {
                outputEnded = true;
                current.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
