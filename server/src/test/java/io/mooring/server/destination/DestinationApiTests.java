package io.mooring.server.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.Bindings;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import io.mooring.server.testing.TokenServiceStub;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SAP's Destination API as a bound application uses it: binding tokens, destinations at both levels with their
 * query options and ETags, find with resolved tokens, certificates, and the walls between bindings.
 */
abstract class DestinationApiTests extends ServerTest {
    private static final String API = "/destination-configuration/v1";

    private Tenant tenant;
    private Bindings bindings;
    private String subaccount;
    private String instance;
    private JsonNode credentials;
    private String token;
    private TokenServiceStub tokenService;

    @BeforeEach
    void bind() {
        tenant = newTenant();
        bindings = new Bindings(api, tenant);
        subaccount = bindings.subaccount();
        instance = bindings.instance(subaccount, "destination");
        credentials = bindings.binding(subaccount, instance).path("credentials");
        token = bindings.token(credentials);
        tokenService = TokenServiceStub.start();
    }

    @AfterEach
    void stopTokenService() {
        tokenService.close();
    }

    @Test
    void bindingCredentialsShouldHaveSapShapeAndTheirTokensNameTheSubaccount() throws ParseException {
        assertThat(credentials.path("credential-type").asString()).isEqualTo("binding-secret");
        assertThat(credentials.path("tenantid").asString()).isEqualTo(subaccount);
        assertThat(credentials.path("instanceid").asString()).isEqualTo(instance);
        assertThat(credentials.path("url").asString()).matches("http://[^/]+:\\d+");
        assertThat(credentials.path("uri").asString())
                .isEqualTo(credentials.path("url").asString());

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim("zid")).isEqualTo(subaccount);
        assertThat(claims.getJSONObjectClaim("ext_attr")).containsEntry("serviceinstanceid", instance);
        assertThat(claims.getStringClaim("client_id"))
                .isEqualTo(credentials.path("clientid").asString());
    }

    @Test
    void tokenEndpointShouldCheckTheTenantNamedInXzid() {
        Map<String, String> form = Map.of(
                "grant_type", "client_credentials",
                "client_id", credentials.path("clientid").asString(),
                "client_secret", credentials.path("clientsecret").asString());
        assertThat(api.form("/oauth/token", form, Map.of("X-zid", subaccount)).status())
                .isEqualTo(200);
        Api.Response otherTenant = api.form("/oauth/token", form, Map.of("X-zid", bindings.subaccount()));
        assertThat(otherTenant.status()).isEqualTo(401);
        assertThat(otherTenant.json().path("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void jwtBearerShouldExchangeAUserTokenForOneBoundToTheBinding() throws ParseException {
        String userToken = tenant.userToken("Viewer");
        Api.Response exchanged = api.form(
                "/oauth/token",
                Map.of(
                        "grant_type",
                        "urn:ietf:params:oauth:grant-type:jwt-bearer",
                        "assertion",
                        userToken,
                        "client_id",
                        credentials.path("clientid").asString(),
                        "client_secret",
                        credentials.path("clientsecret").asString()),
                Map.of());
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        var claims = SignedJWT.parse(exchanged.json().path("access_token").asString())
                .getJWTClaimsSet();
        assertThat(claims.getStringClaim("zid")).isEqualTo(subaccount);
        assertThat(claims.getStringClaim("user_name"))
                .isEqualTo(SignedJWT.parse(userToken).getJWTClaimsSet().getStringClaim("user_name"));
        assertThat(claims.getStringClaim("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");

        Api.Response forged = api.form(
                "/oauth/token",
                Map.of(
                        "grant_type",
                        "urn:ietf:params:oauth:grant-type:jwt-bearer",
                        "assertion",
                        userToken.substring(0, userToken.length() - 4) + "AAAA",
                        "client_id",
                        credentials.path("clientid").asString(),
                        "client_secret",
                        credentials.path("clientsecret").asString()),
                Map.of());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void destinationsShouldBeCreatedReadChangedAndDeletedWithEtags() {
        Api.Response created = post("/subaccountDestinations", basic("orders", "https://orders.example.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String etag = created.header("ETag");

        Api.Response again = post("/subaccountDestinations", basic("orders", "https://other.example.com"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("ErrorMessage").asString()).contains("'orders' already exists");

        Api.Response read = api.get(API + "/subaccountDestinations/orders", token);
        assertThat(read.json().path("URL").asString()).isEqualTo("https://orders.example.com");
        assertThat(read.header("ETag")).isEqualTo(etag);
        Api.Response notModified = api.send(
                api.request(API + "/subaccountDestinations/orders", token).header("If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);

        Map<String, Object> changed = basic("orders", "https://orders-v2.example.com");
        Api.Response updated =
                api.send(json("PUT", "/subaccountDestinations", changed).header("If-Match", etag));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("Count").asInt()).isEqualTo(1);
        Api.Response stale =
                api.send(json("PUT", "/subaccountDestinations", changed).header("If-Match", etag));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.put(API + "/subaccountDestinations", token, basic("missing", "https://x.example.com"))
                        .status())
                .isEqualTo(404);

        Api.Response deleted = api.delete(API + "/subaccountDestinations/orders", token);
        assertThat(deleted.json().path("Count").asInt()).isEqualTo(1);
        assertThat(api.get(API + "/subaccountDestinations/orders", token).status())
                .isEqualTo(404);
    }

    @Test
    void invalidDestinationsShouldBeRefusedWithEveryProblemNamed() {
        Api.Response refused = post(
                "/subaccountDestinations",
                Map.of("Name", "bad name", "Type", "HTTP", "Authentication", "OAuth2ClientCredentials"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").toString())
                .contains("'Name' must be")
                .contains("'URL' is required")
                .contains("OAuth2ClientCredentials needs clientId, clientSecret, tokenServiceURL");
        assertThat(refused.json().path("ErrorMessage").asString()).isNotBlank();
        assertThat(api.get(API + "/subaccountDestinations", token).json()).isEmpty();
    }

    @Test
    void bulkCreationShouldAnswer207WithEachOutcome() {
        post("/instanceDestinations", basic("taken", "https://taken.example.com"));
        Api.Response bulk = post(
                "/instanceDestinations",
                List.of(
                        basic("fresh", "https://fresh.example.com"),
                        basic("taken", "https://taken.example.com"),
                        Map.of("Name", "no-type")));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(207);
        assertThat(bulk.json().get(0).path("status").asInt()).isEqualTo(201);
        assertThat(bulk.json().get(0).path("etag").asString()).isNotBlank();
        assertThat(bulk.json().get(1).path("status").asInt()).isEqualTo(409);
        assertThat(bulk.json().get(2).path("status").asInt()).isEqualTo(400);
        assertThat(bulk.json().get(2).path("cause").asString()).contains("'Type' is required");

        Api.Response allNew = post(
                "/instanceDestinations",
                List.of(basic("one", "https://one.example.com"), basic("two", "https://two.example.com")));
        assertThat(allNew.status()).isEqualTo(201);
    }

    @Test
    void listsShouldFilterSelectAndPage() {
        for (String name : List.of("alpha", "beta", "gamma", "delta", "epsilon")) {
            post("/subaccountDestinations", basic(name, "https://" + name + ".example.com"));
        }
        Api.Response filtered = list("$filter=" + encode("Name in ('beta','delta','nothing')"));
        assertThat(names(filtered)).containsExactly("beta", "delta");
        assertThat(names(list("$filter=" + encode("startswith(Name,'e') or endswith(Name,'ta')"))))
                .containsExactly("beta", "delta", "epsilon");

        Api.Response selected = list("$select=Name,URL&$filter=" + encode("Name eq 'alpha'"));
        assertThat(selected.json().get(0).propertyNames()).containsExactly("Name", "URL");

        Api.Response page = list("$page=2&$pageSize=2&$pageCount=true&$entityCount=true");
        assertThat(names(page)).containsExactly("delta", "epsilon");
        assertThat(page.header("Page-Count")).isEqualTo("3");
        assertThat(page.header("Entity-Count")).isEqualTo("5");
        assertThat(page.header("Link")).contains("rel=\"next\"").contains("rel=\"previous\"");

        Api.Response filteredPage =
                list("$filter=" + encode("endswith(Name,'a')") + "&$page=2&$pageSize=2" + "&$entityCount=true");
        assertThat(names(filteredPage)).containsExactly("delta", "gamma");
        assertThat(filteredPage.header("Entity-Count")).isEqualTo("4");
        Api.Response namedPage =
                list("$filter=" + encode("Name in ('gamma','alpha','beta')") + "&$pageSize=2&$entityCount=true");
        assertThat(names(namedPage)).containsExactly("alpha", "beta");
        assertThat(namedPage.header("Entity-Count")).isEqualTo("3");

        Api.Response badFilter = list("$filter=" + encode("Name in ('a'"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().path("ErrorMessage").asString()).contains("$filter");
        assertThat(list("$pageSize=1001").status()).isEqualTo(400);
    }

    @Test
    void deleteByFilterShouldSummariseEachName() {
        post("/subaccountDestinations", basic("a", "https://a.example.com"));
        post("/subaccountDestinations", basic("b", "https://b.example.com"));
        Api.Response deleted =
                api.delete(API + "/subaccountDestinations?$filter=" + encode("Name in ('a','b','c')"), token);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("Count").asInt()).isEqualTo(2);
        assertThat(deleted.json().path("Summary").toString())
                .contains("{\"name\":\"c\",\"status\":\"NOT_FOUND\"")
                .contains("\"status\":\"DELETED\"");
        assertThat(api.get(API + "/subaccountDestinations", token).json()).isEmpty();
    }

    @Test
    void findShouldPreferTheInstanceAndAnswerSapsNotFound() {
        post("/subaccountDestinations", basic("shared", "https://subaccount.example.com"));
        Api.Response fromSubaccount = api.get(API + "/destinations/shared", token);
        assertThat(fromSubaccount.json().path("owner").path("SubaccountId").asString())
                .isEqualTo(subaccount);
        assertThat(fromSubaccount.json().path("owner").path("InstanceId").isNull())
                .isTrue();
        JsonNode authToken = fromSubaccount.json().path("authTokens").get(0);
        assertThat(authToken.path("type").asString()).isEqualTo("Basic");
        assertThat(authToken.path("http_header").path("value").asString()).isEqualTo("Basic dXNlcjpzM2NyZXQ=");
        assertThat(fromSubaccount
                        .json()
                        .path("destinationConfiguration")
                        .path("Password")
                        .asString())
                .isEqualTo("s3cret");

        post("/instanceDestinations", basic("shared", "https://instance.example.com"));
        Api.Response fromInstance = api.get(API + "/destinations/shared?$skipTokenRetrieval=true", token);
        assertThat(fromInstance.json().path("owner").path("InstanceId").asString())
                .isEqualTo(instance);
        assertThat(fromInstance
                        .json()
                        .path("destinationConfiguration")
                        .path("URL")
                        .asString())
                .isEqualTo("https://instance.example.com");
        assertThat(fromInstance.json().has("authTokens")).isFalse();

        Api.Response unknown = api.get(API + "/destinations/nowhere", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text())
                .isEqualTo("{\"ErrorMessage\":\"Configuration with the specified name was not found\"}");
    }

    @Test
    void clientCredentialsTokensShouldBeFetchedOnceAndCachedUntilTheDestinationChanges() {
        post("/subaccountDestinations", oauth("crm", "OAuth2ClientCredentials"));
        JsonNode first = api.get(API + "/destinations/crm", token)
                .json()
                .path("authTokens")
                .get(0);
        JsonNode second = api.get(API + "/destinations/crm", token)
                .json()
                .path("authTokens")
                .get(0);
        assertThat(first.path("type").asString()).isEqualTo("Bearer");
        assertThat(tokenService.requests()).hasSize(1);
        String issued = tokenService.requests().get(0).issuedToken();
        assertThat(first.path("value").asString()).isEqualTo(issued);
        assertThat(second.path("value").asString()).isEqualTo(issued);
        assertThat(Long.parseLong(second.path("expires_in").asString())).isBetween(3500L, 3600L);
        assertThat(tokenService.requests().get(0).form())
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "crm-client")
                .containsEntry("client_secret", "crm-secret");

        api.put(API + "/subaccountDestinations", token, oauth("crm", "OAuth2ClientCredentials"));
        assertThat(api.get(API + "/destinations/crm", token)
                        .json()
                        .path("authTokens")
                        .get(0)
                        .path("value")
                        .asString())
                .isEqualTo(tokenService.requests().get(1).issuedToken())
                .isNotEqualTo(issued);
    }

    @Test
    void aFailingTokenServiceShouldBeReportedInTheTokenEntry() {
        Map<String, Object> refused = oauth("crm", "OAuth2ClientCredentials");
        refused.put("tokenServiceURL", tokenService.failingTokenUrl(401));
        post("/subaccountDestinations", refused);
        Api.Response found = api.get(API + "/destinations/crm", token);
        assertThat(found.status()).isEqualTo(200);
        JsonNode failed = found.json().path("authTokens").get(0);
        assertThat(failed.path("type").asString()).isEmpty();
        assertThat(failed.path("value").asString()).isEmpty();
        assertThat(failed.path("error").asString()).contains("answered 401");
        assertThat(failed.path("http_header").path("key").asString()).isEqualTo("Authorization");
    }

    @Test
    void userTokenExchangesShouldUseTheCallersUserToken() {
        post("/subaccountDestinations", oauth("hr", "OAuth2UserTokenExchange"));
        Api.Response withoutUser = api.get(API + "/destinations/hr", token);
        assertThat(withoutUser.json().path("authTokens").get(0).path("error").asString())
                .contains("X-user-token");

        String userToken = tenant.userToken("Viewer");
        Api.Response withUser =
                api.send(api.request(API + "/destinations/hr", token).header("X-user-token", userToken));
        assertThat(withUser.json().path("authTokens").get(0).path("value").asString())
                .isEqualTo(tokenService.requests().get(0).issuedToken());
        assertThat(tokenService.requests().get(0).form())
                .containsEntry("grant_type", TokenServiceStub.JWT_BEARER)
                .containsEntry("assertion", userToken);
    }

    @Test
    void aBindingShouldSeeOnlyItsOwnSubaccountsDestinations() {
        post("/subaccountDestinations", basic("private", "https://private.example.com"));
        String otherToken = bindings.token(bindings.destinationCredentials());
        assertThat(api.get(API + "/destinations/private", otherToken).status()).isEqualTo(404);
        assertThat(api.get(API + "/subaccountDestinations", otherToken).json()).isEmpty();
        assertThat(api.delete(API + "/subaccountDestinations/private", otherToken)
                        .status())
                .isEqualTo(404);

        String connectivity = bindings.instance(subaccount, "connectivity");
        String connectivityToken =
                bindings.token(bindings.binding(subaccount, connectivity).path("credentials"));
        assertThat(api.get(API + "/destinations/private", connectivityToken).status())
                .isEqualTo(403);
        assertThat(api.get(API + "/destinations/private", tenant.adminToken).status())
                .isEqualTo(403);
        assertThat(api.get(API + "/destinations/private", null).status()).isEqualTo(401);
    }

    @Test
    void certificatesShouldBeCheckedStoredAndHandedOutWithTheirDestination() throws Exception {
        String keyStore = KeyStores.emptyKeyStore("PKCS12");
        Api.Response uploaded = post(
                "/subaccountCertificates", Map.of("Name", "client.p12", "Type", "CERTIFICATE", "Content", keyStore));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(post(
                                "/subaccountCertificates",
                                Map.of("Name", "trust.jks", "Content", KeyStores.emptyKeyStore("JKS")))
                        .status())
                .isEqualTo(201);
        Api.Response garbage = post("/subaccountCertificates", Map.of("Name", "broken.p12", "Content", "aGVsbG8="));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("detail").asString()).contains("not a readable PKCS12");
        assertThat(post("/subaccountCertificates", Map.of("Name", "cert.pem", "Content", "bm90IHBlbQ=="))
                        .status())
                .isEqualTo(400);

        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("Name", "mtls");
        destination.put("Type", "HTTP");
        destination.put("URL", "https://mtls.example.com");
        destination.put("Authentication", "ClientCertificateAuthentication");
        destination.put("KeyStoreLocation", "client.p12");
        destination.put("KeyStorePassword", "changeit");
        post("/subaccountDestinations", destination);
        JsonNode found = api.get(API + "/destinations/mtls", token).json();
        assertThat(found.path("certificates").get(0).path("Name").asString()).isEqualTo("client.p12");
        assertThat(found.path("certificates").get(0).path("Content").asString()).isEqualTo(keyStore);
        assertThat(found.has("authTokens")).isFalse();

        assertThat(names(api.get(API + "/subaccountCertificates", token))).containsExactly("client.p12", "trust.jks");
        assertThat(api.delete(API + "/subaccountCertificates/trust.jks", token).status())
                .isEqualTo(200);
        assertThat(api.get(API + "/subaccountCertificates/trust.jks", token).status())
                .isEqualTo(404);
    }

    private Api.Response post(String collection, Object body) {
        return api.post(API + collection, token, body);
    }

    private Api.Response list(String query) {
        return api.get(API + "/subaccountDestinations?" + query, token);
    }

    private java.net.http.HttpRequest.Builder json(String method, String collection, Object body) {
        return api.request(API + collection, token)
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
    }

    private static List<String> names(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json()
                .valueStream()
                .map(entry -> entry.path("Name").asString())
                .toList();
    }

    static Map<String, Object> basic(String name, String url) {
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("Name", name);
        destination.put("Type", "HTTP");
        destination.put("URL", url);
        destination.put("Authentication", "BasicAuthentication");
        destination.put("ProxyType", "Internet");
        destination.put("User", "user");
        destination.put("Password", "s3cret");
        return destination;
    }

    private Map<String, Object> oauth(String name, String authentication) {
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("Name", name);
        destination.put("Type", "HTTP");
        destination.put("URL", "https://" + name + ".example.com");
        destination.put("Authentication", authentication);
        destination.put("ProxyType", "Internet");
        destination.put("clientId", name + "-client");
        destination.put("clientSecret", name + "-secret");
        destination.put("tokenServiceURL", tokenService.tokenUrl());
        return destination;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Key stores for upload tests. */
    static final class KeyStores {
        private KeyStores() {}

        static String emptyKeyStore(String type) throws Exception {
            java.security.KeyStore store = java.security.KeyStore.getInstance(type);
            store.load(null, null);
            var bytes = new java.io.ByteArrayOutputStream();
            store.store(bytes, "changeit".toCharArray());
            return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
    }
}
