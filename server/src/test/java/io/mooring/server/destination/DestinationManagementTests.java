package io.mooring.server.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.Bindings;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Destinations, certificates and service instances as administrators and viewers manage them under
 * {@code /api/v1}: secrets never shown and never stored in clear, bindings exported for applications, connections
 * checked, and instances and subaccounts that refuse to go while something still needs them.
 */
abstract class DestinationManagementTests extends ServerTest {
    private static final String SECRET = "pa55-never-in-clear";

    @Autowired
    private JdbcTemplate jdbc;

    private Tenant tenant;
    private Bindings bindings;
    private String subaccount;
    private String destinations;

    @BeforeEach
    void subaccount() {
        tenant = newTenant();
        bindings = new Bindings(api, tenant);
        subaccount = bindings.subaccount();
        destinations = "/api/v1/subaccounts/" + subaccount + "/destinations";
    }

    @Test
    void viewsShouldNameSecretsWithoutShowingThem() {
        Api.Response created = api.post(destinations, tenant.adminToken, basic("erp", "https://erp.example.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text()).doesNotContain(SECRET);

        String viewer = tenant.userToken("Destination Viewer");
        Api.Response seen = api.get(destinations + "/erp", viewer);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.text()).doesNotContain(SECRET);
        assertThat(seen.json().path("secretProperties").toString()).isEqualTo("[\"Password\"]");
        assertThat(seen.json().path("properties").path("User").asString()).isEqualTo("erp-user");
        assertThat(api.get(destinations, viewer).text()).doesNotContain(SECRET);
        assertThat(api.post(destinations, viewer, basic("other", "https://other.example.com"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aChangeThatLeavesASecretOutShouldKeepIt() {
        api.post(destinations, tenant.adminToken, basic("erp", "https://erp.example.com"));
        Map<String, Object> changed = Map.of(
                "Type", "HTTP",
                "URL", "https://erp-new.example.com",
                "Authentication", "BasicAuthentication",
                "User", "erp-user");
        Api.Response updated = api.send(api.request(destinations + "/erp", tenant.adminToken)
                .header("Content-Type", "application/json")
                .header("If-Match", "\"1\"")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(changed))));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("secretProperties").toString()).isEqualTo("[\"Password\"]");
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");

        JsonNode found = findThroughABinding("erp");
        assertThat(found.path("destinationConfiguration").path("Password").asString())
                .isEqualTo(SECRET);
        assertThat(found.path("destinationConfiguration").path("URL").asString())
                .isEqualTo("https://erp-new.example.com");
    }

    @Test
    void theDatabaseShouldNeverHoldASecretInClear() throws Exception {
        api.post(destinations, tenant.adminToken, basic("erp", "https://erp.example.com"));
        String keyStore = DestinationApiTests.KeyStores.emptyKeyStore("PKCS12");
        api.post(
                "/api/v1/subaccounts/" + subaccount + "/destination-certificates",
                tenant.adminToken,
                Map.of("Name", "client.p12", "Content", keyStore));
        String instance = bindings.instance(subaccount, "destination");
        String clientSecret = bindings.binding(subaccount, instance)
                .path("credentials")
                .path("clientsecret")
                .asString();

        String destinationRows = String.valueOf(jdbc.queryForList("select * from destinations"));
        String certificateRows = String.valueOf(jdbc.queryForList("select * from destination_certificates"));
        String bindingRows = String.valueOf(jdbc.queryForList("select * from service_bindings"));
        assertThat(destinationRows).contains("erp-user").doesNotContain(SECRET);
        assertThat(certificateRows).contains("client.p12").doesNotContain(keyStore.substring(0, 40));
        assertThat(bindingRows).doesNotContain(clientSecret);
        assertThat(String.valueOf(jdbc.queryForList("select * from audit_events")))
                .doesNotContain(SECRET)
                .doesNotContain(clientSecret);
    }

    @Test
    void aKeyRotationShouldSealStoredSecretsAgainAndLoseNone() {
        api.post(destinations, tenant.adminToken, basic("erp", "https://erp.example.com"));
        String before = jdbc.queryForObject(
                "select sealed_secrets from destinations where subaccount_id = ?",
                String.class,
                java.util.UUID.fromString(subaccount));

        Api.Response rotated = api.post(
                "/api/v1/platform/secret-keys/rotation", io.mooring.server.testing.Tenant.operatorToken(api), Map.of());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json()
                        .path("resealed")
                        .path("destinations")
                        .path("resealed")
                        .asInt())
                .isPositive();

        String after = jdbc.queryForObject(
                "select sealed_secrets from destinations where subaccount_id = ?",
                String.class,
                java.util.UUID.fromString(subaccount));
        assertThat(after).isNotEqualTo(before).doesNotContain(SECRET);
        assertThat(findThroughABinding("erp")
                        .path("destinationConfiguration")
                        .path("Password")
                        .asString())
                .isEqualTo(SECRET);
    }

    @Test
    void bindingsShouldBeExportedAsVcapServicesAndAsBindingFiles() {
        String instance = bindings.instance(subaccount, "connectivity");
        JsonNode binding = bindings.binding(subaccount, instance);
        String path = "/api/v1/subaccounts/" + subaccount + "/service-instances/" + instance + "/bindings/"
                + binding.path("id").asString();

        JsonNode vcap = api.get(path + "/vcap-services", tenant.adminToken).json();
        JsonNode entry = vcap.path("connectivity").get(0);
        assertThat(entry.path("label").asString()).isEqualTo("connectivity");
        assertThat(entry.path("credentials")).isEqualTo(binding.path("credentials"));
        int httpPort = Integer.parseInt(
                entry.path("credentials").path("onpremise_proxy_http_port").asString());
        int socks5Port = Integer.parseInt(
                entry.path("credentials").path("onpremise_socks5_proxy_port").asString());
        assertThat(socks5Port).isPositive().isNotEqualTo(httpPort);
        try (io.mooring.server.testing.ProxyClient proxy = new io.mooring.server.testing.ProxyClient(httpPort)) {
            assertThat(proxy.send("GET http://erp.virtual:44300/ HTTP/1.1").status())
                    .as("the binding names the running connectivity proxy")
                    .isEqualTo(407);
        }

        JsonNode files =
                api.get(path + "/binding-root", tenant.adminToken).json().path("files");
        String folder = binding.path("name").asString() + "/";
        assertThat(files.path(folder + "type").asString()).isEqualTo("connectivity");
        assertThat(files.path(folder + "clientsecret").asString())
                .isEqualTo(binding.path("credentials").path("clientsecret").asString());
        assertThat(files.path(folder + ".metadata").asString()).contains("credentialProperties");

        String viewer = tenant.userToken("Viewer");
        assertThat(api.get(path + "/vcap-services", viewer).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/subaccounts/" + subaccount + "/service-instances/" + instance + "/bindings", viewer)
                        .text())
                .doesNotContain(binding.path("credentials").path("clientsecret").asString());
    }

    @Test
    void instancesAndSubaccountsShouldGoOnlyWhenNothingNeedsThem() {
        String instance = bindings.instance(subaccount, "destination");
        String instancePath = "/api/v1/subaccounts/" + subaccount + "/service-instances/" + instance;
        JsonNode binding = bindings.binding(subaccount, instance);
        api.post(instancePath + "/destinations", tenant.adminToken, basic("own", "https://own.example.com"));

        Api.Response subaccountRefused = api.delete("/api/v1/subaccounts/" + subaccount, tenant.adminToken);
        assertThat(subaccountRefused.status()).isEqualTo(409);
        assertThat(subaccountRefused.json().path("detail").asString()).contains("service instance");
        Api.Response instanceRefused = api.delete(instancePath, tenant.adminToken);
        assertThat(instanceRefused.status()).isEqualTo(409);
        assertThat(instanceRefused.json().path("bindings").toString())
                .contains(binding.path("name").asString());

        assertThat(api.delete(instancePath + "/bindings/" + binding.path("id").asString(), tenant.adminToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.clientCredentials(
                                binding.path("clientId").asString(),
                                binding.path("credentials").path("clientsecret").asString())
                        .status())
                .isEqualTo(401);
        assertThat(api.delete(instancePath, tenant.adminToken).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject(
                        "select count(*) from destinations where owner_id = ?",
                        Long.class,
                        java.util.UUID.fromString(instance)))
                .isZero();
        assertThat(api.delete("/api/v1/subaccounts/" + subaccount, tenant.adminToken)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void checkConnectionShouldRequestTheUrlWithTheDestinationsAuthentication() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer backEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backEnd.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        backEnd.start();
        try {
            String url = "http://127.0.0.1:" + backEnd.getAddress().getPort() + "/sap/opu/odata";
            api.post(destinations, tenant.adminToken, basic("erp", url));
            JsonNode result = api.post(destinations + "/erp/connection-check", tenant.adminToken, Map.of())
                    .json();
            assertThat(result.path("reachable").asBoolean()).isTrue();
            assertThat(result.path("statusCode").asInt()).isEqualTo(204);
            assertThat(result.path("latencyMillis").asLong()).isNotNegative();
            assertThat(authorization.get()).startsWith("Basic ");
        } finally {
            backEnd.stop(0);
        }

        api.post(destinations, tenant.adminToken, basic("gone", "http://127.0.0.1:1/nothing"));
        JsonNode unreachable = api.post(destinations + "/gone/connection-check", tenant.adminToken, Map.of())
                .json();
        assertThat(unreachable.path("checked").asBoolean()).isTrue();
        assertThat(unreachable.path("reachable").asBoolean()).isFalse();
        assertThat(unreachable.path("message").asString()).contains("No answer");

        Map<String, Object> onPremise = new java.util.LinkedHashMap<>(basic("backend", "http://s4.internal:8000"));
        onPremise.put("ProxyType", "OnPremise");
        api.post(destinations, tenant.adminToken, onPremise);
        JsonNode noConnector = api.post(destinations + "/backend/connection-check", tenant.adminToken, Map.of())
                .json();
        assertThat(noConnector.path("checked").asBoolean()).isTrue();
        assertThat(noConnector.path("reachable").asBoolean()).isFalse();
        assertThat(noConnector.path("message").asString()).contains("default connector", "not connected");
    }

    @Test
    void connectivityInstancesShouldHoldNoDestinations() {
        String instance = bindings.instance(subaccount, "connectivity");
        Api.Response refused = api.post(
                "/api/v1/subaccounts/" + subaccount + "/service-instances/" + instance + "/destinations",
                tenant.adminToken,
                basic("x", "https://x.example.com"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("connectivity instance");
    }

    private JsonNode findThroughABinding(String name) {
        String instance = bindings.instance(subaccount, "destination");
        String token = bindings.token(bindings.binding(subaccount, instance).path("credentials"));
        return api.get("/destination-configuration/v1/destinations/" + name, token)
                .json();
    }

    private static Map<String, Object> basic(String name, String url) {
        return Map.of(
                "Name", name,
                "Type", "HTTP",
                "URL", url,
                "Authentication", "BasicAuthentication",
                "ProxyType", "Internet",
                "User", "erp-user",
                "Password", SECRET);
    }
}
