package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.tunnel.RequestDecoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The connectivity proxy's HTTP port (SAP's 20003): absolute-form requests to on-premise virtual hosts. */
@Component
class HttpProxy implements SmartLifecycle {
    private static final Logger LOG = System.getLogger(HttpProxy.class.getName());

    /** SAP's limit for the request line and for each header line. */
    static final int MAX_LINE_BYTES = 8192;
    /** The header lines together, after the request line. */
    private static final int MAX_HEADER_BLOCK_BYTES = 64 * 1024;

    /**
     * The encoder of the proxy's own problem answers; the connector's answers pass it by as
     * bytes ({@link HttpProxyFrontend#writeAnswer}).
     */
    static final String RESPONSE_ENCODER = "responses";

    private final ConnectivityLoops loops;
    private final ProxyAuthorization authorization;
    private final ConnectorSessions sessions;
    private final ProxyAddresses addresses;
    private final MooringProperties.Connectivity settings;
    private final Listener listener = new Listener("connectivity proxy (HTTP)");

    HttpProxy(
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

    /**
     * Binds the proxy's port. An application connection's flushes are gathered only while its own read is under way:
     * an answer arrives with a read of the tunnel, and its one flush goes out at once rather than as a task queued on
     * the event loop (which cost the server 0.2-0.8 µs per request and gathered nothing, as a connection has one
     * request at a time).
     */
    @Override
    public void start() {
        int port = listener.bind(
                loops.group(),
                settings.bindAddress(),
                settings.proxy().httpPort(),
                channel -> channel.pipeline()
                        .addLast(new FlushConsolidationHandler(256, false))
                        .addLast(RequestDecoder.checked(
                                MAX_LINE_BYTES,
                                MAX_LINE_BYTES + MAX_HEADER_BLOCK_BYTES,
                                List.of(
                                        HttpHeaderNames.PROXY_AUTHORIZATION.toString(),
                                        HttpProxyFrontend.AUTHENTICATION_HEADER)))
                        .addLast(RESPONSE_ENCODER, new HttpResponseEncoder())
                        .addLast(new HttpProxyFrontend(authorization, sessions)));
        addresses.httpBound(port);
        LOG.log(Level.INFO, "Connectivity proxy (HTTP) listening on {0}:{1}", settings.bindAddress(), port);
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
