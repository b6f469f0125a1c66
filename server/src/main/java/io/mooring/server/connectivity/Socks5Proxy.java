package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The connectivity proxy's SOCKS5 port (SAP's 20004): TCP connections to on-premise virtual hosts. */
@Component
class Socks5Proxy implements SmartLifecycle {
    private static final Logger LOG = System.getLogger(Socks5Proxy.class.getName());

    private final ConnectivityLoops loops;
    private final ProxyAuthorization authorization;
    private final ConnectorSessions sessions;
    private final ProxyAddresses addresses;
    private final MooringProperties.Connectivity settings;
    private final Listener listener = new Listener("connectivity proxy (SOCKS5)");

    Socks5Proxy(
            ConnectivityLoops loops,
            ProxyAuthorization authorization,
            ConnectorSessions sessions,
            ProxyAddresses addresses,
            MooringProperties properties) {
        this.loops = requireNonNull(loops, "loops");
        this.authorization = requireNonNull(authorization, "authorization");
        this.sessions = requireNonNull(sessions, "sessions");
        this.addresses = requireNonNull(addresses, "addresses");
        this.settings = properties.connectivity();
    }

    @Override
    public void start() {
        int port = listener.bind(
                loops.group(), settings.bindAddress(), settings.proxy().socks5Port(), channel -> {
                    // An application's half close is passed on to the back end, while the answer may still come back.
                    channel.config().setAllowHalfClosure(true);
                    channel.pipeline().addLast(new Socks5Handshake(authorization, sessions));
                });
        addresses.socks5Bound(port);
        LOG.log(Level.INFO, "Connectivity proxy (SOCKS5) listening on {0}:{1}", settings.bindAddress(), port);
    }

    @Override
    public void stop() {
        listener.close();
    }

    @Override
    public boolean isRunning() {
        return listener.isOpen();
    }
}
