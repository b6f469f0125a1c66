package io.mooring.connector.admin;

import static java.util.Objects.requireNonNull;

import io.mooring.connector.audit.AuditLog;
import io.mooring.connector.config.ConfigurationStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local admin API: HTTP/1.1 on 127.0.0.1 only, so that only users of this machine reach it, and of those only
 * the ones that can read the admin token.
 */
public final class AdminServer implements AutoCloseable {
    /** Mooring's admin port; SAP's Cloud Connector uses 8443. */
    public static final int DEFAULT_PORT = 20080;

    private static final Logger LOG = System.getLogger(AdminServer.class.getName());
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService pairingExecutor;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, ExecutorService pairingExecutor, Channel channel) {
        this.group = group;
        this.pairingExecutor = pairingExecutor;
        this.channel = channel;
    }

    /**
     * Starts the admin API on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one (see {@link #port()})
     * @throws IllegalStateException when the port cannot be bound
     */
    public static AdminServer start(
            int port, AdminToken token, ConfigurationStore store, AuditLog audit, AdminActions actions) {
        requireNonNull(token, "token");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("mooring-admin", true), NioIoHandler.newFactory());
        ExecutorService pairingExecutor =
                Executors.newSingleThreadExecutor(new DefaultThreadFactory("mooring-admin-pairing", true));
        AdminRoutes routes = new AdminRoutes(store, audit, actions, pairingExecutor);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new AdminHandler(token, routes));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            pairingExecutor.shutdownNow();
            throw new IllegalStateException(
                    "Cannot open the admin API on 127.0.0.1:" + port + ": "
                            + bound.cause().getMessage() + "; choose another admin port.",
                    bound.cause());
        }
        AdminServer server = new AdminServer(group, pairingExecutor, bound.channel());
        LOG.log(Level.INFO, "Admin API listening on 127.0.0.1:{0,number,#}", server.port());
        return server;
    }

    /** The port the admin API listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops listening and closes open connections. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        pairingExecutor.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
