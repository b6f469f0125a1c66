package io.mooring.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Users, role collections, API clients and Mooring's own tokens, over HTTP. */
abstract class AccessTests extends ServerTest {

    @Test
    void viewerShouldReadSystemsButNotRegisterAndTheRefusalIsAudited() {
        Tenant tenant = newTenant();
        String viewer = tenant.userToken("Viewer");

        assertThat(api.get("/api/v1/systems", viewer).status()).isEqualTo(200);
        Api.Response refused = api.post("/api/v1/systems", viewer, Map.of("name", "No", "type", "S4HANA_CLOUD"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("urn:mooring:problem:forbidden");
        assertThat(refused.json().path("requiredRoleCollections").toString())
                .contains("System Landscape Administrator");
        JsonNode denied = api.get("/api/v1/audit-events?outcome=DENIED", tenant.adminToken)
                .json()
                .path("items");
        assertThat(denied).isNotEmpty();
        assertThat(denied.get(0).path("detail").asString()).contains("POST /api/v1/systems");
    }

    @Test
    void systemLandscapeAdministratorShouldRegisterButNotManageUsers() {
        Tenant tenant = newTenant();
        String landscape = tenant.userToken("System Landscape Administrator");

        assertThat(api.post("/api/v1/systems", landscape, Map.of("name", "Yes", "type", "S4HANA_CLOUD"))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/users", landscape).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/global-accounts", tenant.adminToken).status())
                .isEqualTo(403);
    }

    @Test
    void apiClientShouldGetTokenWithFormOrBasicCredentials() {
        Tenant tenant = newTenant();
        JsonNode client = api.post(
                        "/api/v1/api-clients",
                        tenant.adminToken,
                        Map.of(
                                "description",
                                "CI pipeline",
                                "roleCollections",
                                List.of("System Landscape Administrator")))
                .json();
        String clientId = client.path("clientId").asString();
        String secret = client.path("clientSecret").asString();

        Api.Response form = api.clientCredentials(clientId, secret);
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Api.Response viaBasic = api.form(
                "/oauth/token", Map.of("grant_type", "client_credentials"), Map.of("Authorization", "Basic " + basic));

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.json().path("token_type").asString()).isEqualTo("bearer");
        assertThat(form.json().path("expires_in").isNumber()).isTrue();
        assertThat(viaBasic.status()).isEqualTo(200);
        String token = viaBasic.json().path("access_token").asString();
        assertThat(api.post("/api/v1/systems", token, Map.of("name", "By CI", "type", "SUCCESSFACTORS"))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/api-clients", tenant.adminToken).text())
                .contains(clientId)
                .doesNotContain(secret);
        assertThat(api.delete("/api/v1/api-clients/" + clientId, tenant.adminToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.clientCredentials(clientId, secret).status()).isEqualTo(401);
    }

    @Test
    void tokenEndpointErrorsShouldBeOAuthAndProblemDetailsAtOnce() {
        Api.Response wrong = api.form(
                "/oauth/token", Map.of("grant_type", "password", "username", OPERATOR, "password", "wrong"), Map.of());
        Api.Response unsupported = api.form("/oauth/token", Map.of("grant_type", "implicit"), Map.of());
        Api.Response missing = api.form("/oauth/token", Map.of("grant_type", "password"), Map.of());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asString()).isEqualTo("invalid_client");
        assertThat(wrong.problemType()).isEqualTo("urn:mooring:problem:invalid-credentials");
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.json().path("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("detail").asString()).contains("username");
    }

    @Test
    void tokenShouldCarryXsuaaClaimsAndVerifyWithThePublishedKeys() throws Exception {
        Tenant tenant = newTenant();
        SignedJWT jwt = SignedJWT.parse(tenant.adminToken);
        JWKSet keys = JWKSet.parse(api.get("/oauth/token_keys", null).text());

        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("zid")).isEqualTo(tenant.id);
        assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("ext_attr")).containsEntry("enhancer", "XSUAA");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("scope")).contains("mooring.GlobalAccountAdministrator");
        assertThat(keys.getKeys())
                .allSatisfy(published -> assertThat(published.isPrivate()).isFalse());
    }

    @Test
    void rotatedKeyShouldSignNewTokensWhileOldTokensStillWork() throws Exception {
        Tenant tenant = newTenant();
        String operator = Tenant.operatorToken(api);
        String oldKid = SignedJWT.parse(tenant.adminToken).getHeader().getKeyID();

        Api.Response rotated = api.post("/api/v1/signing-keys/rotation", operator, Map.of());

        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.json().path("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(api.get("/api/v1/systems", tenant.adminToken).status()).isEqualTo(200);
        String fresh = Tenant.login(api, OPERATOR, OPERATOR_PASSWORD);
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(newKid);
    }

    @Test
    void lastGlobalAccountAdministratorShouldNotBeRemovable() {
        Tenant tenant = newTenant();
        String adminId = api.get("/api/v1/users", tenant.adminToken)
                .json()
                .get(0)
                .path("id")
                .asString();

        Api.Response demoted = api.put(
                "/api/v1/users/" + adminId + "/role-collections",
                tenant.adminToken,
                Map.of("roleCollections", List.of("Viewer")));
        Api.Response deleted = api.delete("/api/v1/users/" + adminId, tenant.adminToken);

        assertThat(demoted.status()).isEqualTo(409);
        assertThat(deleted.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/users/" + adminId, tenant.adminToken)
                        .json()
                        .path("roleCollections")
                        .toString())
                .contains("Global Account Administrator");
    }

    @Test
    void changedPasswordShouldReplaceTheOldOne() {
        Tenant tenant = newTenant();
        String username =
                api.get("/api/v1/me", tenant.adminToken).json().path("name").asString();

        Api.Response changed = api.put(
                "/api/v1/me/password",
                tenant.adminToken,
                Map.of("currentPassword", Tenant.PASSWORD, "newPassword", "another-long-password"));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.form(
                                "/oauth/token",
                                Map.of("grant_type", "password", "username", username, "password", Tenant.PASSWORD),
                                Map.of())
                        .status())
                .isEqualTo(401);
        Tenant.login(api, username, "another-long-password");
    }

    @Test
    void passwordChangeByAnApiClientShouldBeRefusedClearly() {
        Tenant tenant = newTenant();
        JsonNode client = api.post("/api/v1/api-clients", tenant.adminToken, Map.of("description", "bot"))
                .json();
        String token = api.clientCredentials(
                        client.path("clientId").asString(),
                        client.path("clientSecret").asString())
                .json()
                .path("access_token")
                .asString();

        Api.Response refused = api.put(
                "/api/v1/me/password", token, Map.of("currentPassword", "x", "newPassword", "another-long-password"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("urn:mooring:problem:invalid-state");
    }

    @Test
    void subaccountsShouldBeCreatedWithUniqueSubdomains() {
        Tenant tenant = newTenant();
        String subdomain = "sub-" + tenant.id.substring(0, 8);

        Api.Response created = api.post(
                "/api/v1/subaccounts",
                tenant.adminToken,
                Map.of("displayName", "Dev", "subdomain", subdomain, "region", "eu10"));
        Api.Response again = api.post(
                "/api/v1/subaccounts", newTenant().adminToken, Map.of("displayName", "Dev", "subdomain", subdomain));
        Api.Response invalid = api.post(
                "/api/v1/subaccounts", tenant.adminToken, Map.of("displayName", "Dev", "subdomain", "Not_Valid"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location"))
                .endsWith(created.json().path("id").asString());
        assertThat(again.status()).isEqualTo(409);
        assertThat(invalid.status()).isEqualTo(400);
    }
}
