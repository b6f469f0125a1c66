package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.web.PublicUrl;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Where applications reach the connectivity proxy, as connectivity bindings tell them: the configured host (by
 * default the public URL's host) and the ports the proxy listeners really bound, which differ from the configured
 * ones only when those are 0.
 */
@Component
public class ProxyAddresses {
    private final PublicUrl publicUrl;
    private final MooringProperties.Connectivity.Proxy proxy;
    private final AtomicInteger boundHttpPort = new AtomicInteger();
    private final AtomicInteger boundSocks5Port = new AtomicInteger();

    ProxyAddresses(PublicUrl publicUrl, MooringProperties properties) {
        this.publicUrl = requireNonNull(publicUrl, "publicUrl");
        this.proxy = properties.connectivity().proxy();
    }

    public String host() {
        return proxy.host() != null ? proxy.host() : publicUrl.host();
    }

    public int httpPort() {
        int bound = boundHttpPort.get();
        return bound != 0 ? bound : proxy.httpPort();
    }

    public int socks5Port() {
        int bound = boundSocks5Port.get();
        return bound != 0 ? bound : proxy.socks5Port();
    }

    void httpBound(int port) {
        boundHttpPort.set(port);
    }

    void socks5Bound(int port) {
        boundSocks5Port.set(port);
    }
}
