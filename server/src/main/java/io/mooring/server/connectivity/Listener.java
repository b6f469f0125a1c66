package io.mooring.server.connectivity;

import io.mooring.tunnel.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A bound server socket of the connectivity proxy or the tunnel endpoint. */
final class Listener {
    private final String name;
    private volatile @Nullable Channel channel;
    private volatile int lastBound;

    Listener(String name) {
        this.name = name;
    }

    /**
     * Binds {@code address:port} (0 = any free port) and returns the port bound. Bound again after a stop, a
     * listener of port 0 takes the port it had, so the addresses handed out (bindings, pairing) stay right.
     */
    int bind(EventLoopGroup group, String address, int configuredPort, Consumer<SocketChannel> initializer) {
        int port = configuredPort == 0 && lastBound != 0 ? lastBound : configuredPort;
        try {
            Channel bound = new ServerBootstrap()
                    .group(group)
                    .channel(Transports.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            initializer.accept(channel);
                        }
                    })
                    .bind(address, port)
                    .sync()
                    .channel();
            channel = bound;
            lastBound = ((InetSocketAddress) bound.localAddress()).getPort();
            return lastBound;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding the " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "The " + name + " cannot listen on " + address + ":" + port + " (" + e.getMessage()
                            + "); choose a free port in the configuration",
                    e);
        }
    }

    void close() {
        Channel bound = channel;
        if (bound != null) {
            bound.close().syncUninterruptibly();
            channel = null;
        }
    }

    boolean isOpen() {
        Channel bound = channel;
        return bound != null && bound.isOpen();
    }
}
