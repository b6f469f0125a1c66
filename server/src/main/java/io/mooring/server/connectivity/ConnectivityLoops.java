package io.mooring.server.connectivity;

import io.mooring.tunnel.Transports;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The event loops of the proxies and the tunnel endpoint, one per core. Sharing them lets a proxied request run on
 * the loop of the tunnel connection it uses, without handing work between threads.
 */
@Component
class ConnectivityLoops implements DisposableBean {
    private final EventLoopGroup group =
            Transports.eventLoopGroup(Runtime.getRuntime().availableProcessors(), "mooring-connectivity");

    EventLoopGroup group() {
        return group;
    }

    @Override
    public void destroy() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
