package io.mooring.connector;

import io.mooring.connector.admin.AdminActions;
import io.mooring.connector.admin.AdminServer;
import io.mooring.connector.admin.AdminToken;
import io.mooring.connector.audit.AuditLog;
import io.mooring.connector.config.ConfigurationStore;
import io.mooring.connector.config.ConnectorConfiguration;
import io.mooring.connector.config.Pairing;
import io.mooring.connector.forward.BackendPool;
import io.mooring.connector.forward.Forwarding;
import io.mooring.connector.identity.ConnectorCredentials;
import io.mooring.connector.identity.PairingClient;
import io.mooring.connector.principal.PrincipalCertificates;
import io.mooring.connector.report.ReportPublisher;
import io.mooring.connector.tunnel.TunnelClient;
import io.mooring.tunnel.Transports;
import io.mooring.tunnel.TunnelTls;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The on-premise agent: its configuration and identity in a data folder, the tunnel to Mooring once paired, the
 * access control every stream passes, the local admin API, the audit log and the renewal of its certificate.
 */
public final class Connector implements AdminActions, AutoCloseable {
    private static final Logger LOG = System.getLogger(Connector.class.getName());
    static final String VERSION = "0.1.0";

    private final Path dataDir;
    private final Clock clock;
    private final Duration renewalCheck;
    private final ConfigurationStore configuration;
    private final AuditLog audit;
    private final PrincipalCertificates principals;
    private final ReportPublisher reports;
    private final EventLoopGroup loops;
    private final Forwarding forwarding;
    private final PairingClient pairing = new PairingClient();
    private final AdminServer admin;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("connector-renewal").factory());
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable TunnelClient tunnel;
    private volatile @Nullable ConnectorCredentials credentials;

    /**
     * Settings of one connector process: its event loops poll their sockets for up to {@code busyPoll} before they
     * sleep (zero: never), and the certificate's age is checked every {@code renewalCheck}.
     */
    public record Settings(
            Path dataDir, int adminPort, int eventLoopThreads, Duration busyPoll, Duration renewalCheck) {
        /** A connector checking its certificate hourly. */
        public static Settings of(Path dataDir, int adminPort, int eventLoopThreads, Duration busyPoll) {
            return new Settings(dataDir, adminPort, eventLoopThreads, busyPoll, Duration.ofHours(1));
        }
    }

    private Connector(Settings settings, Clock clock) {
        this.dataDir = settings.dataDir();
        this.clock = clock;
        this.renewalCheck = settings.renewalCheck();
        this.configuration = ConfigurationStore.open(dataDir);
        this.audit = new AuditLog(
                dataDir.resolve(AuditLog.FILE_NAME),
                () -> configuration.current().auditLevel());
        this.principals = PrincipalCertificates.open(dataDir, clock);
        this.reports = new ReportPublisher(() -> configuration.current().mappings(), VERSION, clock);
        this.loops = Transports.eventLoopGroup(settings.eventLoopThreads(), "mooring-connector", settings.busyPoll());
        this.forwarding = new Forwarding(configuration::accessControl, audit, new BackendPool(), principals);
        configuration.addListener(changed -> reports.mappingsChanged());
        this.admin =
                AdminServer.start(settings.adminPort(), AdminToken.loadOrCreate(dataDir), configuration, audit, this);
        this.credentials = ConnectorCredentials.load(dataDir).orElse(null);
    }

    /** Starts the connector; dials Mooring at once if it is paired already. */
    public static Connector start(Settings settings) {
        Connector connector = new Connector(settings, Clock.systemUTC());
        connector.startTunnel();
        connector.renewals.scheduleWithFixedDelay(
                connector::renewIfDue, 0, settings.renewalCheck().toMillis(), TimeUnit.MILLISECONDS);
        return connector;
    }

    public int adminPort() {
        return admin.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public ConfigurationStore configuration() {
        return configuration;
    }

    public boolean paired() {
        return configuration.current().pairing() != null && credentials != null;
    }

    @Override
    public synchronized void pair(String mooringUrl, String token) {
        if (paired()) {
            throw new Refused(
                    409,
                    "This connector is paired already (connector "
                            + configuration.current().pairing().connectorId()
                            + "); to pair it again, stop it and start it with an empty data folder.");
        }
        PairingClient.Paired paired;
        try {
            paired = pairing.pair(mooringUrl, token);
        } catch (PairingClient.PairingRefused refused) {
            throw new Refused(refused.status() >= 500 ? 502 : 400, refused.getMessage());
        }
        paired.credentials().save(dataDir);
        credentials = paired.credentials();
        configuration.update(current -> current.withPairing(new Pairing(
                mooringUrl,
                paired.connectorId(),
                paired.subaccountId(),
                paired.locationId(),
                paired.tunnelHost(),
                paired.tunnelPort())));
        audit.configurationChanged("paired with " + mooringUrl + " as connector " + paired.connectorId());
        LOG.log(
                Level.INFO,
                "Paired with {0} as connector {1} of subaccount {2}",
                mooringUrl,
                paired.connectorId(),
                paired.subaccountId());
        startTunnel();
    }

    /** Renews the certificate now if a third or less of its lifetime is left. */
    public void renewIfDue() {
        ConnectorCredentials current = credentials;
        Pairing paired = configuration.current().pairing();
        if (current == null || paired == null || !current.dueForRenewal(clock.instant())) {
            return;
        }
        renew();
    }

    /** Renews the certificate now, whatever its age. */
    public synchronized void renew() {
        ConnectorCredentials current = credentials;
        Pairing paired = configuration.current().pairing();
        if (current == null || paired == null) {
            return;
        }
        try {
            PairingClient.Paired renewed = pairing.renew(paired.mooringUrl(), current);
            renewed.credentials().save(dataDir);
            credentials = renewed.credentials();
            audit.configurationChanged(
                    "certificate renewed; it expires " + renewed.credentials().expiresAt());
            TunnelClient client = tunnel;
            if (client != null) {
                client.useCredentials(tunnelCredentials(renewed.credentials()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Certificate renewal failed, trying again later: {0}", e.getMessage());
        }
    }

    private synchronized void startTunnel() {
        ConnectorConfiguration current = configuration.current();
        ConnectorCredentials identity = credentials;
        if (current.pairing() == null || identity == null || tunnel != null) {
            return;
        }
        TunnelClient client = new TunnelClient(
                loops,
                new TunnelClient.Endpoint(
                        current.pairing().tunnelHost(), current.pairing().tunnelPort()),
                tunnelCredentials(identity),
                current.tunnelConnections(),
                forwarding,
                reports,
                VERSION);
        tunnel = client;
        client.start();
    }

    private static TunnelClient.Credentials tunnelCredentials(ConnectorCredentials identity) {
        return new TunnelClient.Credentials(tls(identity), identity.expiresAt());
    }

    private static SslContext tls(ConnectorCredentials identity) {
        try {
            return TunnelTls.client(identity.key(), List.of(identity.certificate()), identity.ca());
        } catch (SSLException e) {
            throw new IllegalStateException("The tunnel's TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    /** Cuts the tunnel connections as a network failure would (the connector dials again); for fault drills. */
    public void dropTunnel() {
        TunnelClient client = tunnel;
        if (client != null) {
            client.dropConnections();
        }
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        Pairing paired = configuration.current().pairing();
        status.put("version", VERSION);
        status.put("paired", paired != null);
        if (paired != null) {
            status.put("mooringUrl", paired.mooringUrl());
            status.put("connectorId", paired.connectorId());
            status.put("subaccountId", paired.subaccountId());
            status.put("locationId", paired.locationId());
        }
        ConnectorCredentials identity = credentials;
        if (identity != null) {
            status.put(
                    "certificate",
                    Map.of(
                            "serial", identity.certificate().getSerialNumber().toString(16),
                            "expiresAt", identity.expiresAt().toString()));
        }
        TunnelClient client = tunnel;
        status.put("tunnel", client == null ? Map.of("state", "NOT_PAIRED") : client.status());
        status.put("health", reports.latest().health().name());
        status.put("unreachable", reports.latest().unreachable());
        return status;
    }

    @Override
    public String principalCaPem() {
        return principals.caPem();
    }

    /**
     * Stops gracefully: Mooring is told, open streams finish (at most 10 s), then everything closes. Closing again does
     * nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        renewals.shutdownNow();
        TunnelClient client = tunnel;
        if (client != null) {
            client.close();
        }
        admin.close();
        reports.close();
        audit.close();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
