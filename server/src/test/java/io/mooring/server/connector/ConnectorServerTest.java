package io.mooring.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Server tests of connectors: a subaccount to register them in, registration and pairing as one call each. */
abstract class ConnectorServerTest extends ServerTest {

    String subaccount(Tenant tenant) {
        Api.Response created = api.post(
                "/api/v1/subaccounts",
                tenant.adminToken,
                Map.of(
                        "displayName",
                        "Connectors",
                        "subdomain",
                        "conn-" + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    JsonNode register(Tenant tenant, String subaccount, String locationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", locationId);
        body.put("description", "Connector " + locationId);
        Api.Response created = api.post(connectors(subaccount), tenant.adminToken, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    Api.Response pair(String token, KeyPair key) {
        return api.post("/api/v1/connector-pairing", null, Map.of("token", token, "csr", ConnectorKeys.csrPem(key)));
    }

    static String connectors(String subaccount) {
        return "/api/v1/subaccounts/" + subaccount + "/connectors";
    }
}
