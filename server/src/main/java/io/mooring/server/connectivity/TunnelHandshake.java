package io.mooring.server.connectivity;

import io.mooring.server.connector.ConnectorIdentities;
import io.mooring.server.connector.ConnectorIdentity;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waits for the TLS handshake, looks the connector's certificate up (off the event loop: it may read the database),
 * then turns the connection into an HTTP/2 client and opens the session stream.
 */
final class TunnelHandshake extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = System.getLogger(TunnelHandshake.class.getName());

    private final ConnectorIdentities identities;
    private final Executor lookups;
    private final ConnectorSessions sessions;
    private final JsonMapper json;
    private final Clock clock;
    private final ArrayDeque<Object> receivedEarly = new ArrayDeque<>();

    TunnelHandshake(
            ConnectorIdentities identities,
            Executor lookups,
            ConnectorSessions sessions,
            JsonMapper json,
            Clock clock) {
        this.identities = identities;
        this.lookups = lookups;
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof SslHandshakeCompletionEvent handshake)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        if (!handshake.isSuccess()) {
            LOG.log(
                    Level.WARNING,
                    "Tunnel handshake from {0} failed: {1}",
                    ctx.channel().remoteAddress(),
                    handshake.cause().getMessage());
            ctx.close();
            return;
        }
        X509Certificate peer = peerCertificate(ctx);
        ctx.channel().config().setAutoRead(false);
        lookups.execute(() -> {
            Optional<ConnectorIdentity> identity = peer == null ? Optional.empty() : identities.identify(peer);
            ctx.executor().execute(() -> identified(ctx, peer, identity));
        });
    }

    private void identified(
            ChannelHandlerContext ctx, @Nullable X509Certificate peer, Optional<ConnectorIdentity> identity) {
        if (identity.isEmpty() || peer == null) {
            LOG.log(
                    Level.WARNING,
                    "Refused a tunnel from {0}: its certificate belongs to no registered connector",
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        if (!ctx.channel().isActive()) {
            return;
        }
        CertificateLifetime.limit(ctx.channel(), peer);
        ChannelPipeline pipeline = ctx.pipeline();
        long interval = TunnelProtocol.PING_INTERVAL.toMillis();
        pipeline.addFirst(
                new IdleStateHandler(TunnelProtocol.IDLE_TIMEOUT.toMillis(), interval, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast(TunnelProtocol.flushConsolidation());
        Http2FrameCodecBuilder codec = Http2FrameCodecBuilder.forClient()
                .initialSettings(TunnelProtocol.mooringSettings())
                .gracefulShutdownTimeoutMillis(10_000);
        pipeline.addLast(TunnelProtocol.frameCodec(codec, "mooring"));
        pipeline.addLast(new Http2MultiplexHandler(new RefusedInboundStream()));
        TunnelLiveness liveness = new TunnelLiveness(sessions);
        pipeline.addLast(liveness);
        Object early;
        while ((early = receivedEarly.poll()) != null) {
            ctx.fireChannelRead(early);
        }
        ctx.fireChannelReadComplete();
        pipeline.remove(this);
        ctx.channel().config().setAutoRead(true);
        ctx.channel()
                .writeAndFlush(new DefaultHttp2WindowUpdateFrame(
                        TunnelProtocol.CONNECTION_WINDOW - TunnelProtocol.DEFAULT_WINDOW));
        SessionStream.open(ctx.channel(), identity.get(), liveness, json, clock);
    }

    /** What the connector sent while its certificate was being looked up: HTTP/2 needs its first frames. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        receivedEarly.add(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        receivedEarly.forEach(io.netty.util.ReferenceCountUtil::release);
        receivedEarly.clear();
    }

    private static @Nullable X509Certificate peerCertificate(ChannelHandlerContext ctx) {
        try {
            Certificate[] chain =
                    ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Mooring is the HTTP/2 client; a connector may not open streams towards it. */
    private static final class RefusedInboundStream extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }
}
