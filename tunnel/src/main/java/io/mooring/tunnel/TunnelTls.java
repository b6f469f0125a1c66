package io.mooring.tunnel;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The tunnel's TLS: version 1.3 only, both sides authenticated by certificates of Mooring's connectors CA, ALPN
 * {@code h2}. BoringSSL is used when its native library loads, the JDK's TLS otherwise.
 */
public final class TunnelTls {
    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE,
            SelectedListenerFailureBehavior.ACCEPT,
            TunnelProtocol.ALPN);

    private TunnelTls() {}

    /** Mooring's side: presents {@code chain}, requires a client certificate issued by {@code trustedCa}. */
    public static SslContext server(PrivateKey key, List<X509Certificate> chain, X509Certificate trustedCa)
            throws SSLException {
        return SslContextBuilder.forServer(key, chain)
                .trustManager(trustedCa)
                .clientAuth(ClientAuth.REQUIRE)
                .sslProvider(provider())
                .protocols(TunnelProtocol.TLS_PROTOCOLS)
                .applicationProtocolConfig(ALPN)
                .build();
    }

    /** The connector's side: presents its certificate, trusts only the CA it received at pairing. */
    public static SslContext client(PrivateKey key, List<X509Certificate> chain, X509Certificate trustedCa)
            throws SSLException {
        return SslContextBuilder.forClient()
                .keyManager(key, chain)
                .trustManager(trustedCa)
                .sslProvider(provider())
                .protocols(TunnelProtocol.TLS_PROTOCOLS)
                .applicationProtocolConfig(ALPN)
                .build();
    }

    public static SslProvider provider() {
        return SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
    }
}
