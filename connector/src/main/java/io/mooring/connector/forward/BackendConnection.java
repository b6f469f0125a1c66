package io.mooring.connector.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/** A connection to a back end; while an exchange owns it, what the back end sends goes to that exchange. */
final class BackendConnection extends ChannelInboundHandlerAdapter {
    private @Nullable Channel channel;
    private @Nullable HttpExchange owner;

    Channel channel() {
        return java.util.Objects.requireNonNull(channel, "not connected yet");
    }

    void own(@Nullable HttpExchange exchange) {
        this.owner = exchange;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
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
