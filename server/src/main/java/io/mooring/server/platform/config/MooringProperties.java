package io.mooring.server.platform.config;

import io.mooring.tunnel.Transports;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Mooring's settings under the {@code mooring} prefix; every one has a default that works out of the box. */
@ConfigurationProperties("mooring")
public record MooringProperties(
        @DefaultValue("http://127.0.0.1:8080") String publicUrl,
        @DefaultValue Tokens tokens,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue Requests requests,
        @DefaultValue Login login,
        @DefaultValue Pairing pairing,
        @DefaultValue Notifications notifications,
        @DefaultValue Connectivity connectivity,
        @DefaultValue Destinations destinations,
        @DefaultValue SecretKeys secretKeys) {

    /** Lifetimes of the tokens Mooring issues, and their issuer: the token endpoint's URL, as in XSUAA. */
    public record Tokens(
            @DefaultValue("1h") Duration accessTokenValidity,
            @DefaultValue("10m") Duration integrationTokenValidity,

            @DefaultValue("http://127.0.0.1:8080/oauth/token")
            String issuer) {}

    /** What the first start creates when the database holds no global account yet. */
    public record Bootstrap(
            @DefaultValue("Default Global Account") String globalAccountName,
            @DefaultValue("admin") String adminUsername,
            @Nullable String adminPassword,
            @Nullable String passwordFile) {}

    /** Limits on what one request may carry. */
    public record Requests(@DefaultValue("1MB") DataSize maxBodySize) {}

    /** How many password and client-secret attempts one user name and one client address get per minute. */
    public record Login(
            @DefaultValue("10") int attemptsPerMinutePerName,
            @DefaultValue("60") int attemptsPerMinutePerAddress) {}

    /** What paired systems receive. */
    public record Pairing(@DefaultValue("365d") Duration certificateValidity) {}

    /**
     * How formation notifications are delivered: polled every {@code pollInterval} (and at once after a change),
     * each attempt bounded by {@code requestTimeout}, retried with exponential backoff from {@code initialBackoff}
     * up to {@code maxBackoff} until {@code maxAttempts} are used. A delivery that a stopped server leaves unfinished
     * is attempted again once its {@code lease} has run out.
     */
    public record Notifications(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("1m") Duration lease,
            @DefaultValue("16") int maxInFlight) {
        public Notifications {
            if (maxAttempts < 1 || maxInFlight < 1) {
                throw new IllegalArgumentException(
                        "mooring.notifications.max-attempts and max-in-flight must be at " + "least 1");
            }
            if (lease.compareTo(requestTimeout) <= 0) {
                throw new IllegalArgumentException("mooring.notifications.lease (" + lease
                        + ") must be longer than request-timeout (" + requestTimeout + ")");
            }
        }
    }

    /**
     * The connectivity proxy, the tunnel endpoint connectors dial, and the lifetime of connectors' certificates.
     * Every listener binds {@code bindAddress}; port 0 picks a free port. Their event loops poll the sockets for up
     * to {@code busyPoll} before they sleep, giving way to any other thread between polls; zero turns that off.
     */
    public record Connectivity(
            @DefaultValue Proxy proxy,
            @DefaultValue Tunnel tunnel,
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("30d") Duration connectorCertificateValidity,
            @DefaultValue("100us") Duration busyPoll) {

        public Connectivity {
            if (!Transports.acceptsBusyPoll(busyPoll)) {
                throw new IllegalArgumentException("mooring.connectivity.busy-poll (" + busyPoll
                        + ") must be between 0 and " + Transports.MAX_BUSY_POLL.toMillis() + "ms");
            }
        }

        /**
         * Where applications reach the connectivity proxy, as written into connectivity bindings: the host (by
         * default the host of the public URL) and SAP's ports, 20003 for HTTP and 20004 for SOCKS5.
         */
        public record Proxy(
                @Nullable String host,
                @DefaultValue("20003") int httpPort,
                @DefaultValue("20004") int socks5Port) {}

        /** Where connectors dial in: the host named to them at pairing (default: the public URL's host) and port. */
        public record Tunnel(
                @Nullable String host,
                @DefaultValue("20001") int port) {}
    }

    /**
     * How the Destination service fetches tokens for destinations: each call to a token service is bounded by
     * {@code tokenRequestTimeout}, a token is reused until {@code tokenRenewalMargin} before it expires, at most
     * {@code maxCachedTokens} are kept, and "check connection" waits at most {@code checkTimeout}.
     */
    public record Destinations(
            @DefaultValue("10s") Duration tokenRequestTimeout,
            @DefaultValue("60s") Duration tokenRenewalMargin,
            @DefaultValue("10000") int maxCachedTokens,
            @DefaultValue("10s") Duration checkTimeout) {}

    /**
     * Where the Tink keyset that seals stored secrets comes from: {@code keyset}, a keyset in Tink's JSON format
     * given directly (wins when set), or else {@code keysetFile}, created on first start. The file must be backed up
     * with the database: secrets sealed with its keys cannot be opened without it.
     */
    public record SecretKeys(
            @Nullable String keyset,
            @DefaultValue("./data/secret-keyset.json") String keysetFile) {}
}
