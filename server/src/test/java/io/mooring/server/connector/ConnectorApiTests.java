package io.mooring.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Connector registrations over HTTP, as an administrator and a viewer of a subaccount see them. */
abstract class ConnectorApiTests extends ConnectorServerTest {
    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void createShouldAnswerRegistrationWithOneTimeTokenShownOnce() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);

        Api.Response created = api.post(
                connectors(subaccount), tenant.adminToken, Map.of("locationId", "erp-dc1", "description", "DC 1"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.path("id").asString();
        assertThat(created.header("Location")).isEqualTo(connectors(subaccount) + "/" + id);
        assertThat(body.path("subaccountId").asString()).isEqualTo(subaccount);
        assertThat(body.path("locationId").asString()).isEqualTo("erp-dc1");
        assertThat(body.path("description").asString()).isEqualTo("DC 1");
        assertThat(body.path("status").asString()).isEqualTo("NOT_PAIRED");
        assertThat(body.path("tokenUsed").asBoolean()).isFalse();
        String token = body.path("token").asString();
        assertThat(token).startsWith("mct_").hasSize(47);
        assertThat(Duration.between(
                        Instant.parse(body.path("createdAt").asString()),
                        Instant.parse(body.path("tokenExpiresAt").asString())))
                .isEqualTo(Duration.ofMinutes(10));
        Api.Response read = api.get(connectors(subaccount) + "/" + id, tenant.adminToken);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).doesNotContain(token);
        assertThat(read.json().has("token")).isFalse();
    }

    @Test
    void createWithoutLocationShouldRegisterTheDefaultConnector() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);

        Api.Response created = api.post(connectors(subaccount), tenant.adminToken, Map.of("description", "main"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("locationId").asString()).isEmpty();
    }

    @Test
    void createWithInvalidLocationIdShouldAnswer400SayingWhatIsAllowed() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);

        for (String invalid : List.of("with space", "ümlaut", "a/b", "x".repeat(65))) {
            Api.Response refused = api.post(connectors(subaccount), tenant.adminToken, Map.of("locationId", invalid));

            assertThat(refused.status()).as(invalid).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(refused.problemType()).isEqualTo("urn:mooring:problem:invalid-input");
            assertThat(refused.json().path("detail").asString())
                    .contains("locationId")
                    .contains("0 to 64 letters, digits, '.', '_' or '-'");
        }
        assertThat(api.post(connectors(subaccount), tenant.adminToken, Map.of("locationId", "x".repeat(64)))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void createWithTakenLocationIdShouldAnswer409NamingIt() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        register(tenant, subaccount, "plant-7");
        register(tenant, subaccount, "");

        Api.Response again = api.post(connectors(subaccount), tenant.adminToken, Map.of("locationId", "plant-7"));
        Api.Response defaultAgain = api.post(connectors(subaccount), tenant.adminToken, Map.of());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(again.problemType()).isEqualTo("urn:mooring:problem:name-taken");
        assertThat(again.json().path("detail").asString()).contains("'plant-7'");
        assertThat(again.json().path("locationId").asString()).isEqualTo("plant-7");
        assertThat(defaultAgain.status()).isEqualTo(409);
        assertThat(defaultAgain.json().path("detail").asString()).contains("default location");
        assertThat(api.post(connectors(subaccount(tenant)), tenant.adminToken, Map.of("locationId", "plant-7"))
                        .status())
                .as("another subaccount may use the same location ID")
                .isEqualTo(201);
    }

    @Test
    void listShouldShowEachRegistrationNotConnectedAndWithoutCertificateBeforePairing() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        register(tenant, subaccount, "b");
        register(tenant, subaccount, "a");

        Api.Response list = api.get(connectors(subaccount), tenant.adminToken);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().valueStream().map(c -> c.path("locationId").asString()))
                .containsExactly("a", "b");
        JsonNode first = list.json().get(0);
        assertThat(first.path("certificate").isNull()).isTrue();
        assertThat(first.path("live").path("connected").asBoolean()).isFalse();
        assertThat(first.path("live").path("sessionId").isNull()).isTrue();
        assertThat(first.path("live").path("connections").asInt()).isZero();
        assertThat(list.text()).doesNotContain("mct_");
    }

    @Test
    void viewerShouldReadButNotManageWhileCloudConnectorAdministratorManages() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        String id = register(tenant, subaccount, "site").path("id").asString();
        String viewer = tenant.userToken("Viewer");
        String connectorAdmin = tenant.userToken("Cloud Connector Administrator");
        String destinationAdmin = tenant.userToken("Destination Administrator");

        assertThat(api.get(connectors(subaccount), viewer).status()).isEqualTo(200);
        assertThat(api.get(connectors(subaccount) + "/" + id, viewer).status()).isEqualTo(200);
        assertThat(api.post(connectors(subaccount), viewer, Map.of("locationId", "v"))
                        .status())
                .isEqualTo(403);
        assertThat(api.post(connectors(subaccount) + "/" + id + "/token", viewer, Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(connectors(subaccount) + "/" + id, viewer).status())
                .isEqualTo(403);
        assertThat(api.get(connectors(subaccount), destinationAdmin).status()).isEqualTo(403);
        assertThat(api.post(connectors(subaccount), connectorAdmin, Map.of("locationId", "c"))
                        .status())
                .isEqualTo(201);
        assertThat(api.delete(connectors(subaccount) + "/" + id, connectorAdmin).status())
                .isEqualTo(204);
    }

    @Test
    void unknownConnectorOrSubaccountShouldAnswer404() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);

        Api.Response connector = api.get(connectors(subaccount) + "/" + UUID.randomUUID(), tenant.adminToken);
        Api.Response sub = api.get(connectors(UUID.randomUUID().toString()), tenant.adminToken);

        assertThat(connector.status()).isEqualTo(404);
        assertThat(connector.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(sub.status()).isEqualTo(404);
    }

    @Test
    void deleteShouldAnswer204AndForgetTheRegistration() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        String id = register(tenant, subaccount, "gone").path("id").asString();

        Api.Response deleted = api.delete(connectors(subaccount) + "/" + id, tenant.adminToken);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(connectors(subaccount) + "/" + id, tenant.adminToken).status())
                .isEqualTo(404);
        assertThat(api.delete(connectors(subaccount) + "/" + id, tenant.adminToken)
                        .status())
                .isEqualTo(404);
        assertThat(api.post(connectors(subaccount), tenant.adminToken, Map.of("locationId", "gone"))
                        .status())
                .as("the location is free again")
                .isEqualTo(201);
    }

    @Test
    void subaccountWithConnectorsShouldNotBeDeleted() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        String id = register(tenant, subaccount, "").path("id").asString();
        register(tenant, subaccount, "plant-2");

        Api.Response blocked = api.delete("/api/v1/subaccounts/" + subaccount, tenant.adminToken);

        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(blocked.json().path("blockedBy").valueStream().map(JsonNode::asString))
                .containsExactly("the default connector", "connector 'plant-2'");
        api.delete(connectors(subaccount) + "/" + id, tenant.adminToken);
        String other = api.get(connectors(subaccount), tenant.adminToken)
                .json()
                .get(0)
                .path("id")
                .asString();
        api.delete(connectors(subaccount) + "/" + other, tenant.adminToken);
        assertThat(api.delete("/api/v1/subaccounts/" + subaccount, tenant.adminToken)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void changesShouldBeAudited() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        JsonNode registration = register(tenant, subaccount, "audited");
        String id = registration.path("id").asString();
        String token = api.post(connectors(subaccount) + "/" + id + "/token", tenant.adminToken, Map.of())
                .json()
                .path("token")
                .asString();
        var key = ConnectorKeys.newKey();
        JsonNode paired = pair(token, key).json();
        String csr = ConnectorKeys.csrPem(ConnectorKeys.newKey());
        api.post(
                "/api/v1/connector-certificates/renewal",
                null,
                Map.of(
                        "certificate",
                        paired.path("certificate").asString(),
                        "csr",
                        csr,
                        "signature",
                        ConnectorKeys.renewalSignature(key.getPrivate(), csr)));
        api.delete(connectors(subaccount) + "/" + id, tenant.adminToken);

        JsonNode events = api.get("/api/v1/audit-events?targetId=" + id, tenant.adminToken)
                .json();

        assertThat(events.toString())
                .contains("connector.create")
                .contains("connector.token")
                .contains("connector.pair")
                .contains("connector.renew")
                .contains("connector.delete")
                .contains("connector:" + id);
    }
}
