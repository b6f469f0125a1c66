package io.mooring.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.connector.Connector;
import io.mooring.connector.access.HostHeader;
import io.mooring.connector.access.PrincipalType;
import io.mooring.connector.access.Resource;
import io.mooring.connector.access.SystemMapping;
import io.mooring.connector.admin.AdminToken;
import io.mooring.connector.config.Pairing;
import io.mooring.tunnel.ConnectorReport.Protocol;
import io.mooring.tunnel.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subaccount with a connectivity binding and a real connector paired with it, running in this JVM with its own
 * data folder and event loops, in front of a real back end. The connector exposes the back end as
 * {@value #VIRTUAL_HOST}:{@value #VIRTUAL_PORT} with the resources a test gives.
 */
public final class OnPremiseLandscape implements AutoCloseable {
    public static final String VIRTUAL_HOST = "erp.virtual";
    public static final int VIRTUAL_PORT = 44300;

    public final Api api;
    public final Tenant tenant;
    public final String subaccountId;
    public final String connectorId;
    public final JsonNode connectivityCredentials;
    public final String proxyToken;
    public final BackEnd backEnd;
    private final Path dataDir;
    private Connector connector;

    private OnPremiseLandscape(Api api, Path dataDir, String locationId) {
        this(api, Tenant.create(api), null, dataDir, locationId);
    }

    /** With {@code existingSubaccountId} null, in a new subaccount of {@code tenant}. */
    private OnPremiseLandscape(
            Api api, Tenant tenant, @Nullable String existingSubaccountId, Path dataDir, String locationId) {
        this.api = api;
        this.dataDir = freshFolder(dataDir);
        this.tenant = tenant;
        Bindings bindings = new Bindings(api, tenant);
        this.subaccountId = existingSubaccountId != null ? existingSubaccountId : bindings.subaccount();
        this.connectivityCredentials = bindings.binding(subaccountId, bindings.instance(subaccountId, "connectivity"))
                .path("credentials");
        this.proxyToken = bindings.token(connectivityCredentials);
        Api.Response registered = api.post(
                "/api/v1/subaccounts/" + subaccountId + "/connectors",
                tenant.adminToken,
                Map.of("locationId", locationId, "description", "test connector"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        this.connectorId = registered.json().path("id").asString();
        this.backEnd = BackEnd.start();
        this.connector = Connector.start(Connector.Settings.of(this.dataDir, 0, 1, Transports.DEFAULT_BUSY_POLL));
        connector.pair(api.base(), registered.json().path("token").asString());
    }

    private static Path freshFolder(Path parent) {
        try {
            return java.nio.file.Files.createTempDirectory(parent, "connector-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts everything and waits until the connector's session is up. */
    public static OnPremiseLandscape start(Api api, Path dataDir, String locationId, List<Resource> resources) {
        OnPremiseLandscape landscape = new OnPremiseLandscape(api, dataDir, locationId);
        landscape.expose(resources, PrincipalType.NONE);
        landscape.awaitConnected();
        return landscape;
    }

    /**
     * Like {@link #start}, with the connector registered in an existing subaccount of {@code tenant}, next to the
     * applications' own bindings there (the landscape gets a connectivity binding of its own).
     */
    public static OnPremiseLandscape forSubaccount(
            Api api, Tenant tenant, String subaccountId, Path dataDir, String locationId, List<Resource> resources) {
        OnPremiseLandscape landscape = new OnPremiseLandscape(api, tenant, subaccountId, dataDir, locationId);
        landscape.expose(resources, PrincipalType.NONE);
        landscape.awaitConnected();
        return landscape;
    }

    /** Replaces the connector's mappings by one HTTP mapping of the back end with these resources. */
    public void expose(List<Resource> resources, PrincipalType principalType) {
        SystemMapping mapping = new SystemMapping(
                VIRTUAL_HOST,
                VIRTUAL_PORT,
                "127.0.0.1",
                backEnd.port(),
                Protocol.HTTP,
                "ABAP_SYSTEM",
                HostHeader.VIRTUAL,
                principalType,
                "",
                resources);
        connector.configuration().update(current -> current.withMappings(List.of(mapping)));
    }

    /**
     * Adds a TCP mapping (for SOCKS5) of {@code virtualHost:virtualPort} to a port on loopback, next to the mappings
     * the connector has; one with the same virtual host and port is replaced.
     */
    public void exposeTcp(String virtualHost, int virtualPort, int internalPort) {
        add(new SystemMapping(
                virtualHost,
                virtualPort,
                "127.0.0.1",
                internalPort,
                Protocol.TCP,
                SystemMapping.DEFAULT_BACKEND_TYPE,
                HostHeader.VIRTUAL,
                PrincipalType.NONE,
                "",
                List.of()));
    }

    /**
     * Adds an HTTP mapping of {@code virtualHost:virtualPort} to a port on loopback with these resources, next to the
     * mappings the connector has; one with the same virtual host and port is replaced.
     */
    public void exposeHttp(String virtualHost, int virtualPort, int internalPort, List<Resource> resources) {
        exposeHttp(virtualHost, virtualPort, internalPort, HostHeader.VIRTUAL, resources);
    }

    /** As {@link #exposeHttp(String, int, int, List)}, naming {@code hostHeader}'s host in the back end's Host. */
    public void exposeHttp(
            String virtualHost, int virtualPort, int internalPort, HostHeader hostHeader, List<Resource> resources) {
        add(new SystemMapping(
                virtualHost,
                virtualPort,
                "127.0.0.1",
                internalPort,
                Protocol.HTTP,
                "ABAP_SYSTEM",
                hostHeader,
                PrincipalType.NONE,
                "",
                resources));
    }

    /** The connector's newest audit entries (up to 100), as its local admin API gives them. */
    public JsonNode connectorAudit() {
        HttpResponse<String> response = connectorAdmin("GET", "/audit?limit=100", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    /** A call of the connector's local admin API, with the admin token from its data folder. */
    public HttpResponse<String> connectorAdmin(String method, String path, @Nullable String json) {
        try {
            String token = Files.readString(connector.dataDir().resolve(AdminToken.FILE_NAME))
                    .strip();
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + connector.adminPort() + path))
                    .header("Authorization", "Bearer " + token)
                    .method(
                            method,
                            json == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            try (HttpClient client = HttpClient.newHttpClient()) {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void add(SystemMapping mapping) {
        connector.configuration().update(current -> {
            List<SystemMapping> mappings = new ArrayList<>(current.mappings());
            mappings.removeIf(existing -> existing.key().equals(mapping.key()));
            mappings.add(mapping);
            return current.withMappings(mappings);
        });
    }

    public static Resource subPaths(String path) {
        return new Resource(path, true, true, false, "");
    }

    public Connector connector() {
        return connector;
    }

    public int proxyPort() {
        return Integer.parseInt(
                connectivityCredentials.path("onpremise_proxy_http_port").asString());
    }

    public int socks5Port() {
        return Integer.parseInt(
                connectivityCredentials.path("onpremise_socks5_proxy_port").asString());
    }

    public String proxyAuthorization() {
        return "Proxy-Authorization: Bearer " + proxyToken;
    }

    /** The connector as Mooring's API shows it. */
    public JsonNode view() {
        Api.Response response =
                api.get("/api/v1/subaccounts/" + subaccountId + "/connectors/" + connectorId, tenant.adminToken);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    public void awaitConnected() {
        try {
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> view().path("live").path("connected").asBoolean());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("The connector did not connect; its status: " + connector.status(), e);
        }
    }

    /** The port of Mooring's tunnel endpoint, as the connector learnt it when it paired. */
    public int tunnelPort() {
        return connector.configuration().current().pairing().tunnelPort();
    }

    /**
     * Restarts the connector dialling its tunnel to {@code port} on Mooring's host, as if Mooring had named that port
     * when the connector paired (a relay in front of the tunnel endpoint, say).
     */
    public void dialTunnelAt(int port) {
        connector.configuration().update(current -> {
            Pairing pairing = current.pairing();
            return current.withPairing(new Pairing(
                    pairing.mooringUrl(),
                    pairing.connectorId(),
                    pairing.subaccountId(),
                    pairing.locationId(),
                    pairing.tunnelHost(),
                    port));
        });
        restartConnector();
    }

    /** Stops the connector gracefully and starts a new process of it on the same data folder. */
    public void restartConnector() {
        connector.close();
        connector = Connector.start(Connector.Settings.of(dataDir, 0, 1, Transports.DEFAULT_BUSY_POLL));
    }

    @Override
    public void close() {
        connector.close();
        backEnd.close();
    }
}
