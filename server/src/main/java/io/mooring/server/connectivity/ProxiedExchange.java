package io.mooring.server.connectivity;

import io.mooring.tunnel.AnswerEnd;
import io.mooring.tunnel.AnswerHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One proxied request on its application connection's {@link TunnelLane}: the request and its body go to the
 * connector, the answer comes back to the application as the bytes the connector sent (it frames every answer, and
 * strips the back end's hop-by-hop headers); only an application that does not keep its connection gets a
 * {@code Connection: close} added to the head. Each side stops reading while the other cannot take more, so nothing
 * piles up in memory beyond the tunnel's flow-control windows and the sockets' buffers.
 *
 * <p>Threads: {@code start}, {@code streamReady}, {@code streamFailed}, {@code requestContent}, {@code
 * streamWritable}, {@code clientWritable} and {@code clientGone} run on the application connection's event loop;
 * {@code responseRead} and {@code streamClosed} on the stream's, which is usually the same one.
 */
final class ProxiedExchange {
    private final Channel client;
    private final HttpProxyFrontend frontend;
    /** The request's head as it goes on the lane ({@link LaneHead}), until it does. */
    private final ByteBuf request;

    private final boolean headRequest;
    private final boolean keepAlive;
    /** Whether the request asks to upgrade to another protocol. */
    private final boolean upgrade;
    /** The request's body bytes that came before the lane's stream was open. */
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();

    private @Nullable TunnelLane lane;
    private volatile @Nullable Http2StreamChannel stream;
    private volatile boolean requestComplete;
    private boolean clientClosed;
    private volatile boolean responseStarted;
    private volatile boolean finished;
    /** The back end switched protocols: the connection carries the new protocol's bytes both ways until it closes. */
    private volatile boolean switched;

    ProxiedExchange(
            Channel client,
            HttpProxyFrontend frontend,
            ByteBuf request,
            boolean headRequest,
            boolean keepAlive,
            boolean upgrade) {
        this.client = client;
        this.frontend = frontend;
        this.request = request;
        this.headRequest = headRequest;
        this.keepAlive = keepAlive;
        this.upgrade = upgrade;
    }

    void start(TunnelLane on) {
        lane = on;
        on.attach(this);
    }

    /** The lane's stream is open: the request, and whatever of its body has come, go out. */
    void streamReady(Http2StreamChannel channel) {
        if (clientClosed) {
            releasePending();
            return;
        }
        stream = channel;
        channel.write(request, channel.voidPromise());
        ByteBuf body;
        while ((body = early.poll()) != null) {
            channel.write(body, channel.voidPromise());
        }
        channel.flush();
        if (!channel.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    void streamFailed(String what) {
        releasePending();
        failBeforeAnswer(what);
    }

    boolean headRequest() {
        return headRequest;
    }

    boolean upgrade() {
        return upgrade;
    }

    /** True once the application has sent the whole request, and its bytes are not of a protocol switched to. */
    boolean requestComplete() {
        return requestComplete && !switched;
    }

    /** Bytes of the request's body, as the application framed them. */
    void requestContent(ByteBuf body) {
        Http2StreamChannel current = stream;
        if (current == null) {
            early.add(body);
            return;
        }
        current.writeAndFlush(body, current.voidPromise());
        if (!current.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    /** The application has sent the whole request. */
    void requestEnd() {
        requestComplete = true;
    }

    void streamWritable() {
        client.config().setAutoRead(true);
    }

    void clientWritable() {
        Http2StreamChannel current = stream;
        if (current != null) {
            current.config().setAutoRead(true);
        }
    }

    void clientGone() {
        clientClosed = true;
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }

    /** On the stream's event loop: part of the answer ({@link io.mooring.tunnel.AnswerFramer}). */
    void responseRead(ChannelHandlerContext ctx, Object msg) {
        if (msg == AnswerEnd.INSTANCE) {
            finished = true;
            client.flush();
            boolean reuse = keepAlive && requestComplete();
            TunnelLane current = lane;
            if (current != null) {
                current.detach(this);
            }
            EventLoops.runOn(client, () -> frontend.exchangeDone(reuse));
            return;
        }
        ByteBuf bytes;
        if (msg instanceof AnswerHead head) {
            responseStarted = true;
            if (head.switchesProtocols()) {
                switched = true;
                bytes = head.content();
                EventLoops.runOn(client, frontend::switchProtocols);
            } else {
                bytes = keepAlive || head.interim() ? head.content() : closing(head.content());
            }
        } else if (msg instanceof ByteBuf body) {
            bytes = body;
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        frontend.writeAnswer(bytes);
        if (!client.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private static final byte[] CLOSE = "connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The head with {@code Connection: close} added, for an application that does not keep its connection. */
    private ByteBuf closing(ByteBuf head) {
        int withoutEmptyLine = head.readableBytes() - (head.getByte(head.writerIndex() - 2) == '\r' ? 2 : 1);
        ByteBuf closing = client.alloc().buffer(withoutEmptyLine + CLOSE.length);
        closing.writeBytes(head, head.readerIndex(), withoutEmptyLine).writeBytes(CLOSE);
        head.release();
        return closing;
    }

    /** On the stream's event loop: the lane is gone; an answer under way is cut off, a missing one is a 502. */
    void streamClosed() {
        if (finished) {
            return;
        }
        if (responseStarted) {
            client.close();
        } else {
            EventLoops.runOn(
                    client, () -> failBeforeAnswer("the tunnel to the connector closed before the back end answered"));
        }
    }

    private void failBeforeAnswer(String what) {
        if (clientClosed) {
            return;
        }
        client.writeAndFlush(ProxyProblem.CONNECTOR_UNAVAILABLE.response(
                        client.alloc(),
                        "The request did not reach the back end: " + what + ". Retry the request.",
                        headRequest))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void releasePending() {
        ReferenceCountUtil.release(request);
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }
}
