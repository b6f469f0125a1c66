package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.mooring.server.connector.ConnectorIdentity;
import io.mooring.tunnel.ConnectorReport;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** One TLS connection of a connector's session, on which Mooring opens the streams of HTTP lanes and SOCKS5 relays. */
final class TunnelConnection {
    private final Channel channel;
    private final ConnectorIdentity identity;
    private final String sessionId;
    private final String connectorVersion;
    private final Instant connectedAt;
    private volatile boolean draining;
    /** The HTTP lanes open on this connection. */
    private final Set<TunnelLane> lanes = ConcurrentHashMap.newKeySet();

    private volatile @Nullable ConnectorReport report;

    TunnelConnection(
            Channel channel,
            ConnectorIdentity identity,
            String sessionId,
            String connectorVersion,
            Instant connectedAt) {
        this.channel = requireNonNull(channel, "channel");
        this.identity = requireNonNull(identity, "identity");
        this.sessionId = requireNonNull(sessionId, "sessionId");
        this.connectorVersion = requireNonNull(connectorVersion, "connectorVersion");
        this.connectedAt = requireNonNull(connectedAt, "connectedAt");
    }

    /** Opens a stream whose pipeline starts with {@code handler}. */
    Future<Http2StreamChannel> openStream(ChannelHandler handler) {
        return new Http2StreamChannelBootstrap(channel).handler(handler).open();
    }

    boolean usable() {
        return !draining && channel.isActive();
    }

    /**
     * The connector said GOAWAY on this connection (it replaces it, or it stops): no new lane or relay goes onto it,
     * its idle lanes close, each busy one once its answer is complete, and the connector closes the connection once
     * the streams under way have finished.
     */
    void connectorDraining() {
        draining = true;
        lanes.forEach(TunnelLane::retire);
    }

    void laneOpened(TunnelLane lane) {
        lanes.add(lane);
        if (draining) {
            lane.retire();
        }
    }

    void laneClosed(TunnelLane lane) {
        lanes.remove(lane);
    }

    /** Lets the connector know why, then closes once the open streams have finished. */
    void drain(String reason) {
        draining = true;
        if (channel.isActive()) {
            channel.writeAndFlush(new DefaultHttp2GoAwayFrame(
                            Http2Error.NO_ERROR, ByteBufUtil.writeUtf8(channel.alloc(), reason)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    ConnectorKey key() {
        return new ConnectorKey(identity.subaccountId(), identity.locationId());
    }

    ConnectorIdentity identity() {
        return identity;
    }

    String sessionId() {
        return sessionId;
    }

    String connectorVersion() {
        return connectorVersion;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    Channel channel() {
        return channel;
    }

    String remoteAddress() {
        SocketAddress address = channel.remoteAddress();
        return address instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    @Nullable
    ConnectorReport report() {
        return report;
    }

    void report(ConnectorReport report) {
        this.report = report;
    }
}
