package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.web.PublicUrl;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Where connectors dial in, as pairing tells them: {@code mooring.connectivity.tunnel.host} (by default the public
 * URL's host) and the port the tunnel endpoint really bound, which differs from the configured one only when that
 * is 0.
 */
@Component
public class ConnectorTunnelAddress {
    private final PublicUrl publicUrl;
    private final MooringProperties.Connectivity.Tunnel tunnel;
    private final AtomicInteger boundPort = new AtomicInteger();

    ConnectorTunnelAddress(PublicUrl publicUrl, MooringProperties properties) {
        this.publicUrl = requireNonNull(publicUrl, "publicUrl");
        this.tunnel = properties.connectivity().tunnel();
    }

    public String host() {
        String configured = tunnel.host();
        return configured != null && !configured.isBlank() ? configured : publicUrl.host();
    }

    public int port() {
        int bound = boundPort.get();
        return bound != 0 ? bound : tunnel.port();
    }

    /** Called by the tunnel endpoint once it listens, with the port it got. */
    public void bound(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("A bound port is 1 to 65535, not " + port);
        }
        boundPort.set(port);
    }
}
