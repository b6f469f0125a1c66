package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.mooring.server.connector.ConnectorIdentities;
import io.mooring.server.connector.ConnectorTrust;
import io.mooring.server.connector.ConnectorTunnelAddress;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.handler.ssl.SslContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The port connectors dial: mutual TLS 1.3, then HTTP/2 with Mooring as the client. */
@Component
class TunnelEndpoint implements SmartLifecycle {
    private static final Logger LOG = System.getLogger(TunnelEndpoint.class.getName());

    private final ConnectivityLoops loops;
    private final ConnectorTrust trust;
    private final ConnectorIdentities identities;
    private final ConnectorTunnelAddress address;
    private final ConnectorSessions sessions;
    private final JsonMapper json;
    private final Clock clock;
    private final MooringProperties.Connectivity settings;
    private final Listener listener = new Listener("connector tunnel endpoint");
    private volatile ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    TunnelEndpoint(
            ConnectivityLoops loops,
            ConnectorTrust trust,
            ConnectorIdentities identities,
            ConnectorTunnelAddress address,
            ConnectorSessions sessions,
            JsonMapper json,
            Clock clock,
            MooringProperties properties) {
        this.loops = requireNonNull(loops, "loops");
        this.trust = requireNonNull(trust, "trust");
        this.identities = requireNonNull(identities, "identities");
        this.address = requireNonNull(address, "address");
        this.sessions = requireNonNull(sessions, "sessions");
        this.json = requireNonNull(json, "json");
        this.clock = requireNonNull(clock, "clock");
        this.settings = properties.connectivity();
    }

    @Override
    public void start() {
        if (lookups.isShutdown()) {
            lookups = Executors.newVirtualThreadPerTaskExecutor();
        }
        ExecutorService identification = lookups;
        SslContext tls = serverTls();
        int port = listener.bind(
                loops.group(), settings.bindAddress(), settings.tunnel().port(), channel -> {
                    channel.config().setWriteBufferWaterMark(TunnelProtocol.WRITE_BUFFER);
                    channel.pipeline()
                            .addLast(tls.newHandler(channel.alloc()))
                            .addLast(new TunnelHandshake(identities, identification, sessions, json, clock));
                });
        address.bound(port);
        LOG.log(Level.INFO, "Connector tunnel endpoint listening on {0}:{1,number,#}", settings.bindAddress(), port);
    }

    private SslContext serverTls() {
        ConnectorTrust.ServerIdentity identity = trust.tunnelServerIdentity(List.of(address.host()));
        try {
            return io.mooring.tunnel.TunnelTls.server(identity.key(), identity.chain(), trust.caCertificate());
        } catch (SSLException e) {
            throw new IllegalStateException("The tunnel endpoint's TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        listener.close();
        lookups.shutdown();
    }

    @Override
    public boolean isRunning() {
        return listener.isOpen();
    }
}
