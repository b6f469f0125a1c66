package io.mooring.connector.tunnel;

import io.mooring.connector.forward.Forwarding;
import io.mooring.connector.report.ReportPublisher;
import io.mooring.tunnel.Transports;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The connector's side of the tunnel: a small pool of TLS connections dialled out to Mooring, each an HTTP/2
 * connection on which Mooring opens streams. A lost connection is dialled again after an exponential backoff with
 * full jitter (0.5 s doubling up to 30 s); a GOAWAY saying a newer session replaced this one stops all dialling.
 *
 * <p>Each slot of the pool holds the connection that serves it. A connection dialled for a slot takes it over once
 * its TLS handshake is done; the one it replaces (after a certificate renewal) says GOAWAY and drains.
 */
public final class TunnelClient implements AutoCloseable {
    private static final Logger LOG = System.getLogger(TunnelClient.class.getName());

    /** When the certificate a connection was dialled with expires: how long it may drain once replaced. */
    private static final AttributeKey<Instant> CERTIFICATE_EXPIRES_AT =
            AttributeKey.valueOf(TunnelClient.class, "certificateExpiresAt");

    /** Where Mooring's tunnel endpoint is. */
    public record Endpoint(String host, int port) {}

    /** The TLS context with the connector's certificate, and when that certificate expires. */
    public record Credentials(SslContext tls, Instant expiresAt) {}

    private final EventLoopGroup group;
    private final Endpoint endpoint;
    private final Forwarding forwarding;
    private final ReportPublisher reports;
    private final SessionIdentity session;
    private final AtomicReferenceArray<Channel> connections;
    /** Every connection from its dialling until it closes: the serving ones, those still in TLS, those draining. */
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    /** Connections replaced after a renewal that still carry streams; their closing is not a failure. */
    private final Set<Channel> draining = ConcurrentHashMap.newKeySet();

    private final int[] failures;
    private volatile Credentials credentials;
    private volatile boolean stopping;
    private volatile boolean replaced;
    private volatile @Nullable String lastError;

    public TunnelClient(
            EventLoopGroup group,
            Endpoint endpoint,
            Credentials credentials,
            int connections,
            Forwarding forwarding,
            ReportPublisher reports,
            String version) {
        this.group = group;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.forwarding = forwarding;
        this.reports = reports;
        this.session = new SessionIdentity(UUID.randomUUID().toString(), version);
        this.connections = new AtomicReferenceArray<>(connections);
        this.failures = new int[connections];
    }

    public void start() {
        for (int slot = 0; slot < connections.length(); slot++) {
            dial(slot);
        }
    }

    /**
     * New credentials (after renewal): each slot, in turn, dials a connection with them, which takes the slot over
     * once it is up. The connection it replaces says GOAWAY, so that Mooring sends it nothing new, and closes when
     * its last stream ends, but when the certificate it was dialled with expires at the latest: requests and TCP
     * streams under way are not cut by the renewal, and the tunnel never goes down.
     */
    public void useCredentials(Credentials renewed) {
        credentials = renewed;
        for (int slot = 0; slot < connections.length(); slot++) {
            int renewing = slot;
            group.schedule(() -> dial(renewing), 2L * slot, TimeUnit.SECONDS);
        }
    }

    public Map<String, Object> status() {
        int connected = 0;
        for (int slot = 0; slot < connections.length(); slot++) {
            Channel channel = connections.get(slot);
            if (channel != null && channel.isActive()) {
                connected++;
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", replaced ? "REPLACED" : stopping ? "STOPPED" : connected > 0 ? "CONNECTED" : "CONNECTING");
        status.put("endpoint", endpoint.host() + ":" + endpoint.port());
        status.put("sessionId", session.sessionId());
        status.put("connections", connected);
        status.put("draining", draining.size());
        status.put("poolSize", connections.length());
        status.put("lastError", lastError);
        return status;
    }

    /** Cuts every connection at once, as a failing network would; the pool dials again by itself. */
    public void dropConnections() {
        open.forEach(TunnelProtocol::cut);
    }

    private void dial(int slot) {
        if (stopping || replaced) {
            return;
        }
        Credentials dialledWith = credentials;
        SslContext context = dialledWith.tls();
        new Bootstrap()
                .group(group)
                .channel(Transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, TunnelProtocol.WRITE_BUFFER)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(context.newHandler(channel.alloc(), endpoint.host(), endpoint.port()))
                                .addLast(new Handshake(slot));
                    }
                })
                .connect(endpoint.host(), endpoint.port())
                .addListener(connected -> {
                    Channel channel = ((ChannelFuture) connected).channel();
                    if (!connected.isSuccess()) {
                        failed(
                                slot,
                                "cannot connect to " + endpoint.host() + ":" + endpoint.port() + ": "
                                        + connected.cause().getMessage());
                        return;
                    }
                    channel.attr(CERTIFICATE_EXPIRES_AT).set(dialledWith.expiresAt());
                    open.add(channel);
                    if (stopping) {
                        channel.close();
                    }
                    channel.closeFuture().addListener(closed -> {
                        open.remove(channel);
                        connections.compareAndSet(slot, channel, null);
                        if (!draining.remove(channel)) {
                            failed(slot, lastError == null ? "connection closed" : lastError);
                        }
                    });
                });
    }

    /** Called on {@code channel}'s event loop when its HTTP/2 is set up: it serves {@code slot} from now on. */
    private void established(int slot, Channel channel) {
        Channel replaced = connections.get(slot);
        if (replaced != null && replaced != channel) {
            // Marked before the slot changes hands, so that its closing from now on is never taken for a failure.
            draining.add(replaced);
            replaced.eventLoop().execute(() -> drain(replaced));
        }
        connections.set(slot, channel);
    }

    /** GOAWAY on a replaced connection; it closes when its last stream ends, or when its certificate expires. */
    private void drain(Channel replaced) {
        Http2FrameCodec codec = replaced.pipeline().get(Http2FrameCodec.class);
        if (codec != null) {
            Duration valid = Duration.between(
                    Instant.now(), replaced.attr(CERTIFICATE_EXPIRES_AT).get());
            codec.gracefulShutdownTimeoutMillis(Math.max(0, valid.toMillis()));
        }
        replaced.close();
        // Its session stream ends too, so that the connection closes once its lanes and TCP streams are done.
        reports.endStreams(replaced);
    }

    private void failed(int slot, String why) {
        Instant expiresAt = credentials.expiresAt();
        String expired = "this connector's certificate expired at " + expiresAt
                + ", and Mooring refuses it; pair the connector again";
        lastError = Instant.now().isBefore(expiresAt) || why.startsWith(expired) ? why : expired + " (" + why + ")";
        if (stopping || replaced) {
            return;
        }
        int attempt;
        synchronized (failures) {
            attempt = ++failures[slot];
        }
        long delay = ReconnectBackoff.delayMillis(attempt, ThreadLocalRandom.current());
        LOG.log(Level.DEBUG, "Tunnel connection {0}: {1}; dialling again in {2} ms", slot, why, delay);
        group.schedule(() -> dial(slot), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops gracefully: every connection says GOAWAY at once, so that Mooring sends no new request to any of them,
     * then each lets its streams finish (at most 10 s; a connection still draining after a renewal is then cut).
     */
    @Override
    public void close() {
        stopping = true;
        reports.endStreams();
        List<Channel> channels = List.copyOf(open);
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel channel : channels) {
            closing.add(channel.close());
        }
        for (ChannelFuture closed : closing) {
            if (!closed.awaitUninterruptibly(12, TimeUnit.SECONDS)) {
                TunnelProtocol.cut(closed.channel());
            }
        }
    }

    /** After TLS: HTTP/2 as the server side, streams handed to {@link InboundStream}. */
    private final class Handshake extends ChannelInboundHandlerAdapter {
        private final int slot;

        Handshake(int slot) {
            this.slot = slot;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (!(event instanceof SslHandshakeCompletionEvent handshake)) {
                super.userEventTriggered(ctx, event);
                return;
            }
            if (!handshake.isSuccess()) {
                lastError = "TLS handshake with Mooring failed: "
                        + handshake.cause().getMessage();
                ctx.close();
                return;
            }
            InboundStream streams = new InboundStream(forwarding, reports, session);
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.addLast(TunnelProtocol.flushConsolidation());
            pipeline.addFirst(
                    new IdleStateHandler(TunnelProtocol.IDLE_TIMEOUT.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
            Http2FrameCodecBuilder codec = Http2FrameCodecBuilder.forServer()
                    .initialSettings(TunnelProtocol.connectorSettings())
                    .gracefulShutdownTimeoutMillis(10_000);
            pipeline.addLast(TunnelProtocol.frameCodec(codec, "connector"));
            pipeline.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(streams);
                }
            }));
            pipeline.addLast(new Watcher());
            pipeline.remove(this);
            ctx.channel()
                    .writeAndFlush(new DefaultHttp2WindowUpdateFrame(
                            TunnelProtocol.CONNECTION_WINDOW - TunnelProtocol.DEFAULT_WINDOW));
            synchronized (failures) {
                failures[slot] = 0;
            }
            established(slot, ctx.channel());
            lastError = null;
            LOG.log(Level.INFO, "Tunnel connection {0} to {1}:{2} is up", slot, endpoint.host(), endpoint.port());
        }
    }

    /** Reads what concerns the whole connection: GOAWAY (replaced?) and silence. */
    private final class Watcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame goAway) {
                String reason = goAway.content().toString(StandardCharsets.UTF_8);
                if (TunnelProtocol.REPLACED.equals(reason)) {
                    replaced = true;
                    lastError = "Mooring says: " + reason + "; this connector stops dialling";
                    LOG.log(Level.WARNING, lastError);
                } else if (!reason.isEmpty()) {
                    lastError = "Mooring closed the connection: " + reason;
                }
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                lastError = "Mooring was silent for " + TunnelProtocol.IDLE_TIMEOUT.toSeconds() + " s";
                LOG.log(Level.WARNING, "Tunnel connection: {0}; dialling again", lastError);
                TunnelProtocol.cut(ctx.channel());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lastError = String.valueOf(cause.getMessage());
            LOG.log(Level.WARNING, "Tunnel connection failed; dialling again", cause);
            ctx.close();
        }
    }
}
