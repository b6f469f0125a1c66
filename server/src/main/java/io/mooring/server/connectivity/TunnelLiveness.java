package io.mooring.server.connectivity;

import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a tunnel connection honest: pings it when Mooring has sent nothing for a while, closes it when the connector
 * has been silent too long, stops using it once the connector says GOAWAY, and forgets it when it closes.
 */
final class TunnelLiveness extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = System.getLogger(TunnelLiveness.class.getName());

    private final ConnectorSessions sessions;
    private @Nullable TunnelConnection connection;

    TunnelLiveness(ConnectorSessions sessions) {
        this.sessions = sessions;
    }

    /** Called on the connection's event loop once the session stream has answered. */
    void established(TunnelConnection established) {
        this.connection = established;
        sessions.attach(established);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
            } else if (idle.state() == IdleState.READER_IDLE) {
                LOG.log(
                        Level.WARNING,
                        "Tunnel connection from {0} was silent for {1} s; closing it",
                        ctx.channel().remoteAddress(),
                        TunnelProtocol.IDLE_TIMEOUT.toSeconds());
                TunnelProtocol.cut(ctx.channel());
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Http2GoAwayFrame) {
            TunnelConnection current = connection;
            if (current != null) {
                current.connectorDraining();
                sessions.detach(current);
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        TunnelConnection current = connection;
        if (current != null) {
            sessions.detach(current);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.WARNING, "Tunnel connection from " + ctx.channel().remoteAddress() + " failed; closing", cause);
        ctx.close();
    }
}
