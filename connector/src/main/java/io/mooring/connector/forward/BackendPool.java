package io.mooring.connector.forward;

import io.mooring.tunnel.AnswerFramer;
import io.mooring.tunnel.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Keep-alive HTTP connections to back ends, pooled per event loop: a request's stream and its back-end connection
 * share one thread, so nothing is handed between threads and the pool needs no locks.
 */
public final class BackendPool {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /**
     * A pooled connection that has read nothing for this long is closed unless an exchange owns it. Reads alone are
     * watched: a pooled connection neither reads nor writes, and watching writes would cost every request a listener.
     */
    private static final int IDLE_SECONDS = 60;

    private static final int MAX_IDLE_PER_BACKEND = 64;

    private final Map<EventLoop, Map<String, ArrayDeque<BackendConnection>>> idle = new ConcurrentHashMap<>();
    private final SslContext backendTls;

    public BackendPool() {
        try {
            this.backendTls = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("TLS to back ends cannot be set up: " + e.getMessage(), e);
        }
    }

    /** An idle connection of {@code loop} to the back end, or null when a new one has to be dialled. */
    BackendConnection idle(EventLoop loop, String host, int port, boolean tls) {
        ArrayDeque<BackendConnection> connections = connections(loop, key(host, port, tls));
        BackendConnection connection;
        while ((connection = connections.pollLast()) != null) {
            if (connection.channel().isActive()) {
                return connection;
            }
        }
        return null;
    }

    ChannelFuture dial(EventLoop loop, String host, int port, boolean tls, BackendConnection connection) {
        return new Bootstrap()
                .group(loop)
                .channel(Transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls) {
                            channel.pipeline().addLast(backendTls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline()
                                .addLast(new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                                .addLast(AnswerFramer.untilClose())
                                .addLast(connection);
                    }
                })
                .connect(host, port);
    }

    /** Puts a connection whose exchange ended cleanly back for reuse; must run on the connection's loop. */
    void release(BackendConnection connection, String host, int port, boolean tls) {
        ArrayDeque<BackendConnection> connections =
                connections(connection.channel().eventLoop(), key(host, port, tls));
        if (connections.size() < MAX_IDLE_PER_BACKEND && connection.channel().isActive()) {
            connections.addLast(connection);
        } else {
            connection.channel().close();
        }
    }

    private ArrayDeque<BackendConnection> connections(EventLoop loop, String key) {
        return idle.computeIfAbsent(loop, ignored -> new HashMap<>())
                .computeIfAbsent(key, ignored -> new ArrayDeque<>());
    }

    private static String key(String host, int port, boolean tls) {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }
}
