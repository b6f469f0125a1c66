package io.mooring.server.connectivity;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One proxied request on its tunnel stream: the request and its body go to the connector, the answer comes back to
 * the application. Each side stops reading while the other cannot take more, so nothing piles up in memory beyond
 * the tunnel's flow-control windows and the sockets' buffers.
 *
 * <p>Threads: {@code start}, {@code requestContent}, {@code clientWritable} and {@code clientGone} run on the
 * application connection's event loop; the handler methods run on the stream's, which is usually the same one.
 */
final class ProxiedExchange extends ChannelInboundHandlerAdapter {
    private final Channel client;
    private final HttpProxyFrontend frontend;
    private final HttpRequest request;
    private final boolean bodyless;
    private final boolean keepAlive;
    private final ArrayDeque<HttpContent> early = new ArrayDeque<>();
    private volatile @Nullable Http2StreamChannel stream;
    private volatile boolean requestComplete;
    private boolean clientClosed;
    private volatile boolean responseStarted;
    private volatile boolean finished;

    ProxiedExchange(
            Channel client, HttpProxyFrontend frontend, HttpRequest request, boolean bodyless, boolean keepAlive) {
        this.client = client;
        this.frontend = frontend;
        this.request = request;
        this.bodyless = bodyless;
        this.keepAlive = keepAlive;
    }

    void start(TunnelConnection connection) {
        ProxiedExchange exchange = this;
        connection
                .openStream(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel channel) {
                        channel.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), exchange);
                    }
                })
                .addListener(opened -> runOnClientLoop(() -> opened(opened)));
    }

    private void opened(Future<?> opened) {
        if (!opened.isSuccess()) {
            ReferenceCountUtil.release(request);
            early.forEach(ReferenceCountUtil::release);
            early.clear();
            failBeforeAnswer("the tunnel to the connector refused a new stream ("
                    + opened.cause().getMessage() + ")");
            return;
        }
        Http2StreamChannel channel = (Http2StreamChannel) opened.getNow();
        if (clientClosed) {
            ReferenceCountUtil.release(request);
            early.forEach(ReferenceCountUtil::release);
            early.clear();
            channel.close();
            return;
        }
        stream = channel;
        channel.write(request);
        HttpContent content;
        while ((content = early.poll()) != null) {
            channel.write(content);
        }
        channel.flush();
        if (!channel.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    /** True once the application has sent the whole request. */
    boolean requestComplete() {
        return requestComplete;
    }

    void requestContent(HttpContent content) {
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (bodyless) {
            content.release();
            return;
        }
        Http2StreamChannel current = stream;
        if (current == null) {
            early.add(content);
            return;
        }
        current.writeAndFlush(content);
        if (!current.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    void clientWritable() {
        Http2StreamChannel current = stream;
        if (current != null) {
            current.eventLoop().execute(() -> current.config().setAutoRead(true));
        }
    }

    void clientGone() {
        clientClosed = true;
        Http2StreamChannel current = stream;
        if (current != null) {
            current.close();
        }
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            responseStarted = true;
            frame(response);
        }
        client.write(msg);
        if (!client.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
        if (msg instanceof LastHttpContent) {
            finished = true;
            client.flush();
            boolean reuse = keepAlive && requestComplete;
            ctx.close();
            runOnClientLoop(() -> frontend.exchangeDone(reuse));
        }
    }

    private void frame(HttpResponse response) {
        if (response instanceof FullHttpResponse full) {
            if (!HttpUtil.isContentLengthSet(full)) {
                HttpUtil.setContentLength(full, full.content().readableBytes());
            }
        } else if (!HttpUtil.isContentLengthSet(response)) {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            runOnClientLoop(() -> client.config().setAutoRead(true));
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!finished) {
            if (responseStarted) {
                client.close();
            } else {
                runOnClientLoop(
                        () -> failBeforeAnswer("the tunnel to the connector closed before the back end answered"));
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void failBeforeAnswer(String what) {
        if (clientClosed) {
            return;
        }
        client.writeAndFlush(ProxyProblem.CONNECTOR_UNAVAILABLE.response(
                        client.alloc(), "The request did not reach the back end: " + what + ". Retry the request."))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void runOnClientLoop(Runnable task) {
        if (client.eventLoop().inEventLoop()) {
            task.run();
        } else {
            client.eventLoop().execute(task);
        }
    }
}
