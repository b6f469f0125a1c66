package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.tunnel.RequestDecoder;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The connectivity proxy's two ports, on the event loops of the tunnel endpoint: HTTP (SAP's 20003) for absolute-form
 * requests and SOCKS5 (SAP's 20004) for TCP connections to on-premise virtual hosts. Both bind, or neither stays bound.
 */
@Component
class ConnectivityProxy implements SmartLifecycle {
    private static final Logger LOG = System.getLogger(ConnectivityProxy.class.getName());

    /** SAP's limit for the request line and for each header line. */
    private static final int MAX_LINE_BYTES = 8192;
    /** The header lines together, after the request line. */
    private static final int MAX_HEADER_BLOCK_BYTES = 64 * 1024;

    /**
     * The encoder of the HTTP proxy's own problem answers; the connector's answers pass it by as
     * bytes ({@link HttpProxyFrontend#writeAnswer}).
     */
    static final String RESPONSE_ENCODER = "responses";

    private final ConnectivityLoops loops;
    private final ProxyAuthorization authorization;
    private final ConnectorSessions sessions;
    private final ProxyAddresses addresses;
    private final MooringProperties.Connectivity settings;
    private final Listener http = new Listener("connectivity proxy (HTTP)");
    private final Listener socks5 = new Listener("connectivity proxy (SOCKS5)");

    ConnectivityProxy(
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
        int httpPort = http.bind(
                loops.group(), settings.bindAddress(), settings.proxy().httpPort(), this::httpPipeline);
        int socks5Port;
        try {
            socks5Port = socks5.bind(
                    loops.group(), settings.bindAddress(), settings.proxy().socks5Port(), this::socks5Pipeline);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        addresses.httpBound(httpPort);
        addresses.socks5Bound(socks5Port);
        LOG.log(
                Level.INFO,
                "Connectivity proxy listening on {0}: HTTP on port {1,number,#}, SOCKS5 on port {2,number,#}",
                settings.bindAddress(),
                httpPort,
                socks5Port);
    }

    /**
     * An application connection's flushes are gathered only while its own read is under way: an answer arrives with
     * a read of the tunnel, and its one flush goes out at once rather than as a task queued on the event loop (which
     * cost the server 0.2-0.8 µs per request and gathered nothing, as a connection has one request at a time).
     */
    private void httpPipeline(SocketChannel channel) {
        channel.pipeline()
                .addLast(new FlushConsolidationHandler(256, false))
                .addLast(RequestDecoder.checked(
                        MAX_LINE_BYTES,
                        MAX_LINE_BYTES + MAX_HEADER_BLOCK_BYTES,
                        List.of(
                                HttpHeaderNames.PROXY_AUTHORIZATION.toString(),
                                HttpProxyFrontend.AUTHENTICATION_HEADER)))
                .addLast(RESPONSE_ENCODER, new HttpResponseEncoder())
                .addLast(new HttpProxyFrontend(authorization, sessions));
    }

    private void socks5Pipeline(SocketChannel channel) {
        // An application's half close is passed on to the back end, while the answer may still come back.
        channel.config().setAllowHalfClosure(true);
        channel.pipeline().addLast(new Socks5Handshake(authorization, sessions));
    }

    @Override
    public void stop() {
        http.close();
        socks5.close();
    }

    @Override
    public boolean isRunning() {
        return http.isOpen() || socks5.isOpen();
    }
}
