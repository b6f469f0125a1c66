package io.mooring.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Subaccounts, service instances and bindings of a tenant, and the tokens applications get with them. */
public final class Bindings {
    private final Api api;
    private final Tenant tenant;

    public Bindings(Api api, Tenant tenant) {
        this.api = api;
        this.tenant = tenant;
    }

    /** A new subaccount's id. */
    public String subaccount() {
        String subdomain = "sub-" + UUID.randomUUID().toString().substring(0, 12);
        Api.Response created = api.post(
                "/api/v1/subaccounts",
                tenant.adminToken,
                Map.of("displayName", "Subaccount " + subdomain, "subdomain", subdomain));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** A new service instance's id; {@code offering} is "destination" or "connectivity". */
    public String instance(String subaccountId, String offering) {
        Api.Response created = api.post(
                "/api/v1/subaccounts/" + subaccountId + "/service-instances",
                tenant.adminToken,
                Map.of("name", offering + "-" + UUID.randomUUID().toString().substring(0, 8), "offering", offering));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** A new binding of the instance, as its creation answered: id, name, clientId, credentials. */
    public JsonNode binding(String subaccountId, String instanceId) {
        Api.Response created = api.post(
                "/api/v1/subaccounts/" + subaccountId + "/service-instances/" + instanceId + "/bindings",
                tenant.adminToken,
                Map.of("name", "binding-" + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** A new subaccount with a destination instance and a binding: the binding's credentials. */
    public JsonNode destinationCredentials() {
        String subaccount = subaccount();
        return binding(subaccount, instance(subaccount, "destination")).path("credentials");
    }

    /** A client_credentials token of a binding. */
    public String token(JsonNode credentials) {
        Api.Response response = api.clientCredentials(
                credentials.path("clientid").asString(),
                credentials.path("clientsecret").asString());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("access_token").asString();
    }
}
