package io.mooring.connector.forward;

import io.mooring.tunnel.AnswerFramer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * A connection to a back end; while an exchange owns it, what the back end sends goes to that exchange, framed into
 * answers by an {@link AnswerFramer}.
 */
final class BackendConnection extends ChannelInboundHandlerAdapter {
    private @Nullable Channel channel;
    private @Nullable HttpExchange owner;
    private @Nullable AnswerFramer answers;

    Channel channel() {
        return java.util.Objects.requireNonNull(channel, "not connected yet");
    }

    /**
     * Gives the connection to {@code exchange}, whose request is a {@code HEAD} ({@code headRequest}) or not, and asks
     * to upgrade to another protocol ({@code upgrade}) or not.
     */
    void own(HttpExchange exchange, boolean headRequest, boolean upgrade) {
        this.owner = exchange;
        AnswerFramer framer = answers;
        if (framer != null) {
            framer.expect(headRequest, upgrade);
        }
    }

    /** The exchange is over; what the back end sends from now on is unasked for. */
    void disown() {
        this.owner = null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        answers = ctx.pipeline().get(AnswerFramer.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        HttpExchange current = owner;
        if (current == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        current.backendRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        HttpExchange current = owner;
        if (current != null) {
            current.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpExchange current = owner;
        if (current != null && ctx.channel().isWritable()) {
            current.backendWritable();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        HttpExchange current = owner;
        owner = null;
        if (current != null) {
            current.backendClosed();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && owner == null) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
