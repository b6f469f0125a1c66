package io.mooring.server.connectivity;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.tunnel.Transports;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The event loops of the proxies and the tunnel endpoint, one per core. Sharing them lets a proxied request run on
 * the loop of the tunnel connection it uses, without handing work between threads. Each loop polls its sockets for
 * up to {@code mooring.connectivity.busy-poll} before it sleeps.
 */
@Component
class ConnectivityLoops implements DisposableBean {
    private final EventLoopGroup group;

    ConnectivityLoops(MooringProperties properties) {
        this.group = Transports.eventLoopGroup(
                Runtime.getRuntime().availableProcessors(),
                "mooring-connectivity",
                properties.connectivity().busyPoll());
    }

    EventLoopGroup group() {
        return group;
    }

    @Override
    public void destroy() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
