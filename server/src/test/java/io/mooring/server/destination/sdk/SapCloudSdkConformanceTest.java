package io.mooring.server.destination.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.sap.cloud.environment.servicebinding.api.DefaultServiceBindingAccessor;
import com.sap.cloud.sdk.cloudplatform.cache.CacheManager;
import com.sap.cloud.sdk.cloudplatform.connectivity.ApacheHttpClient5Accessor;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationAccessor;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationService;
import com.sap.cloud.sdk.cloudplatform.connectivity.HttpDestination;
import com.sap.cloud.sdk.cloudplatform.connectivity.exception.DestinationAccessException;
import com.sap.cloud.sdk.cloudplatform.connectivity.exception.DestinationNotFoundException;
import com.sap.cloud.sdk.cloudplatform.resilience.CacheExpirationStrategy;
import com.sap.cloud.sdk.cloudplatform.security.AuthToken;
import com.sap.cloud.sdk.cloudplatform.security.AuthTokenAccessor;
import com.sap.cloud.sdk.cloudplatform.tenant.DefaultTenant;
import com.sap.cloud.sdk.cloudplatform.tenant.TenantAccessor;
import io.mooring.server.destination.sdk.BindingForm.Export;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.Bindings;
import io.mooring.server.testing.OnH2;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The real SAP Cloud SDK for Java (5.25.0) against Mooring's Destination service, unchanged: bindings exported by
 * Mooring and read by the SDK's own parsers ({@code VCAP_SERVICES} and {@code SERVICE_BINDING_ROOT}), destinations
 * created through SAP's REST API, and the SDK's own HTTP client sending a request to a back end on a loopback port.
 * Each authentication type must reach its back end with the right credentials; the SDK's exceptions, level
 * precedence and change detection must behave as on SAP BTP.
 */
@OnH2
class SapCloudSdkConformanceTest extends ServerTest {
    private static final String API = "/destination-configuration/v1";
    private static final String KEY_STORE_PASSWORD = "key-store-secret";

    static {
        RealOrgJson.preferTheRealOne(DestinationAccessor.class.getClassLoader());
    }

    /** Stands in for the connectivity proxy; bound before the server starts, so bindings can name its port. */
    private static final RecordingServer CONNECTIVITY_PROXY = RecordingServer.http();

    /** Tenant, bindings and their exports, made once: each test uses its own destination names. */
    private static Fixture fixture;

    @Autowired
    private DestinationServiceRequests serverSaw;

    @TempDir
    Path bindingRoot;

    private FakeTokenService tokenService;
    private RecordingServer backEnd;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @DynamicPropertySource
    static void connectivityProxy(DynamicPropertyRegistry registry) {
        registry.add("mooring.connectivity.proxy-host", () -> "127.0.0.1");
        registry.add("mooring.tokens.issuer", () -> "http://mooring.example.com/oauth/token");
        registry.add("mooring.connectivity.http-proxy-port", CONNECTIVITY_PROXY::port);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordDestinationServiceRequests {
        @Bean
        DestinationServiceRequests destinationServiceRequests() {
            return new DestinationServiceRequests();
        }
    }

    @BeforeEach
    void prepare() {
        if (fixture == null) {
            fixture = Fixture.create(api);
        }
        resetSdk();
        CONNECTIVITY_PROXY.clear();
        tokenService = closeLater(FakeTokenService.start());
        backEnd = closeLater(RecordingServer.http());
    }

    @AfterEach
    void cleanUp() throws Exception {
        resetSdk();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @AfterAll
    static void stopProxy() {
        CONNECTIVITY_PROXY.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void noAuthenticationShouldReachTheBackEndWithoutAuthorization(BindingForm form) throws Exception {
        useBindings(form);
        String name = subaccountDestination("none", backEnd.url() + "/api", "NoAuthentication", Map.of());

        RecordingServer.Request request = sendThroughSdk(name, backEnd);

        assertThat(request.target()).hasToString("/api/orders?top=1");
        assertThat(request.header("Authorization")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void basicAuthenticationShouldSendUserAndPassword(BindingForm form) throws Exception {
        useBindings(form);
        String name = subaccountDestination(
                "basic", backEnd.url() + "/api", "BasicAuthentication", Map.of("User", "alice", "Password", "pa:ss"));

        RecordingServer.Request request = sendThroughSdk(name, backEnd);

        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("Authorization")).isNotEmpty().containsOnly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void oauth2ClientCredentialsShouldSendTheTokenOfAClientCredentialsGrant(BindingForm form) throws Exception {
        useBindings(form);
        String name = subaccountDestination("cc", backEnd.url() + "/api", "OAuth2ClientCredentials", oauthClient());

        RecordingServer.Request request = sendThroughSdk(name, backEnd);

        FakeTokenService.TokenRequest grant = onlyTokenRequest();
        assertThat(grant.form())
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "target-client")
                .containsEntry("client_secret", "target-secret")
                .doesNotContainKeys("username", "assertion");
        assertThat(request.header("Authorization")).containsExactly("Bearer " + grant.issuedToken());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void oauth2PasswordShouldSendTheTokenOfAPasswordGrant(BindingForm form) throws Exception {
        useBindings(form);
        Map<String, String> properties = new LinkedHashMap<>(oauthClient());
        properties.put("User", "bob");
        properties.put("Password", "bob's password");
        String name = subaccountDestination("password", backEnd.url() + "/api", "OAuth2Password", properties);

        RecordingServer.Request request = sendThroughSdk(name, backEnd);

        FakeTokenService.TokenRequest grant = onlyTokenRequest();
        assertThat(grant.form())
                .containsEntry("grant_type", "password")
                .containsEntry("username", "bob")
                .containsEntry("password", "bob's password")
                .containsEntry("client_id", "target-client")
                .containsEntry("client_secret", "target-secret");
        assertThat(request.header("Authorization")).containsExactly("Bearer " + grant.issuedToken());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void oauth2JwtBearerShouldExchangeTheUsersToken(BindingForm form) throws Exception {
        userTokenExchangeShouldSendTheTokenOfAJwtBearerGrant(form, "OAuth2JWTBearer");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void oauth2UserTokenExchangeShouldExchangeTheUsersToken(BindingForm form) throws Exception {
        userTokenExchangeShouldSendTheTokenOfAJwtBearerGrant(form, "OAuth2UserTokenExchange");
    }

    private void userTokenExchangeShouldSendTheTokenOfAJwtBearerGrant(BindingForm form, String authentication)
            throws Exception {
        useBindings(form);
        String name = subaccountDestination("user", backEnd.url() + "/api", authentication, oauthClient());

        RecordingServer.Request request = asUser(() -> sendThroughSdk(name, backEnd));

        assertThat(serverSaw.finds(name))
                .as("the SDK forwards the user's token to find destination in X-user-token")
                .singleElement()
                .extracting(DestinationServiceRequests.Seen::userToken)
                .isEqualTo(fixture.userToken());
        FakeTokenService.TokenRequest grant = onlyTokenRequest();
        assertThat(grant.form())
                .containsEntry("grant_type", FakeTokenService.JWT_BEARER)
                .containsEntry("assertion", fixture.userToken())
                .containsEntry("client_id", "target-client")
                .containsEntry("client_secret", "target-secret");
        assertThat(request.header("Authorization")).containsExactly("Bearer " + grant.issuedToken());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void clientCertificateAuthenticationShouldPresentTheUploadedKeyStore(BindingForm form) throws Exception {
        useBindings(form);
        SelfSignedCertificate client =
                SelfSignedCertificate.create("CN=sdk-client-" + UUID.randomUUID() + ",O=Mooring Tests");
        SelfSignedCertificate server = SelfSignedCertificate.create("CN=back-end,O=Mooring Tests");
        RecordingServer httpsBackEnd =
                closeLater(RecordingServer.httpsWithClientCertificates(server.serverContextTrusting(client)));
        String keyStore = uploadCertificate("client.p12", client.pkcs12(KEY_STORE_PASSWORD));
        String trustStore = uploadCertificate("back-end.jks", server.jksTrustStore(KEY_STORE_PASSWORD));
        String name = subaccountDestination(
                "cert",
                httpsBackEnd.url() + "/api",
                "ClientCertificateAuthentication",
                Map.of(
                        "KeyStoreLocation", keyStore,
                        "KeyStorePassword", KEY_STORE_PASSWORD,
                        "TrustStoreLocation", trustStore,
                        "TrustStorePassword", KEY_STORE_PASSWORD));

        RecordingServer.Request request = sendThroughSdk(name, httpsBackEnd);

        assertThat(request.clientSubject())
                .isEqualTo(client.certificate().getSubjectX500Principal().getName());
        assertThat(request.header("Authorization")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void principalPropagationShouldGoThroughTheConnectivityProxyWithTheUsersToken(BindingForm form) throws Exception {
        useBindings(form);
        String name = subaccountDestination(
                "pp",
                "http://erp.virtual:44300/sap",
                "PrincipalPropagation",
                Map.of("ProxyType", "OnPremise", "CloudConnectorLocationId", "berlin"));

        RecordingServer.Request request = asUser(() -> sendThroughSdk(name, CONNECTIVITY_PROXY));

        assertThat(request.target()).hasToString("http://erp.virtual:44300/sap/orders?top=1");
        assertThat(request.firstHeader("SAP-Connectivity-Authentication")).isEqualTo("Bearer " + fixture.userToken());
        assertThat(request.firstHeader("SAP-Connectivity-SCC-Location_ID")).isEqualTo("berlin");
        String proxyAuthorization = request.firstHeader("Proxy-Authorization");
        assertThat(proxyAuthorization).startsWith("Bearer ");
        DecodedJWT connectivityToken = JWT.decode(proxyAuthorization.substring("Bearer ".length()));
        assertThat(connectivityToken.getClaim("zid").asString()).isEqualTo(fixture.subaccount());
        assertThat(connectivityToken.getClaim("client_id").asString())
                .isEqualTo(fixture.connectivityCredentials().path("clientid").asString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void instanceDestinationShouldWinOverTheSubaccountDestinationOfTheSameName(BindingForm form) throws Exception {
        useBindings(form);
        String name = subaccountDestination("both", backEnd.url() + "/subaccount", "NoAuthentication", Map.of());
        create("instanceDestinations", destination(name, backEnd.url() + "/instance", "NoAuthentication", Map.of()));

        RecordingServer.Request request = sendThroughSdk(name, backEnd);

        assertThat(request.target().getPath()).isEqualTo("/instance/orders");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void unknownNameShouldGiveDestinationNotFoundException(BindingForm form) {
        useBindings(form);
        String name = "missing-" + UUID.randomUUID();

        Throwable thrown = catchThrowable(() -> DestinationAccessor.getDestination(name));

        assertThat(thrown).isInstanceOf(DestinationNotFoundException.class);
        assertThat(serverSaw.finds(name)).hasSize(1);
        assertThat(everyCause(thrown))
                .as("the Destination service's 404 is among the causes")
                .anySatisfy(cause -> assertThat(cause)
                        .isInstanceOf(DestinationNotFoundException.class)
                        .hasMessageContaining("destination-configuration/v1/destinations/" + name));
    }

    @ParameterizedTest(name = "{0}, token service answers {1}")
    @MethodSource("formsAndFailures")
    void failingTokenServiceShouldGiveDestinationAccessException(BindingForm form, int status) {
        useBindings(form);
        Map<String, String> properties = new LinkedHashMap<>(oauthClient());
        properties.put("tokenServiceURL", tokenService.failingTokenUrl(status));
        String name = subaccountDestination("failing", backEnd.url() + "/api", "OAuth2ClientCredentials", properties);

        Throwable thrown = catchThrowable(() -> DestinationAccessor.getDestination(name));

        assertThat(thrown)
                .isInstanceOf(DestinationAccessException.class)
                .isNotInstanceOf(DestinationNotFoundException.class)
                .hasMessageContaining("Failed to read authentication token of destination '" + name + "'")
                .hasMessageContaining(String.valueOf(status));
        assertThat(tokenService.requests())
                .singleElement()
                .satisfies(grant -> assertThat(grant.issuedToken()).isNull());
        assertThat(backEnd.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void changeDetectionShouldServeTheSecondGetWithoutAnotherFind(BindingForm form) throws Exception {
        useBindings(form);
        String name = subaccountDestination(
                "cached",
                backEnd.url() + "/api",
                "BasicAuthentication",
                Map.of(
                        "User", "carol",
                        "Password", "carol's password",
                        "sap-client", "100",
                        "URL.headers.X-Custom", "a value",
                        "Description", "Ünïcödé and \"quotes\""));

        sendThroughSdk(name, backEnd);
        backEnd.clear();
        sendThroughSdk(name, backEnd);

        assertThat(serverSaw.finds(name)).as("find requests").hasSize(1);
        assertThat(serverSaw.lists("instanceDestinations"))
                .as("change detection read the lists")
                .isNotEmpty();
        assertThat(serverSaw.lists("subaccountDestinations")).isNotEmpty();
        assertThat(listEntry("subaccountDestinations", name))
                .isEqualTo(find(name).path("destinationConfiguration"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void changeDetectionShouldFindAgainOnceTheListShowsAChange(BindingForm form) throws Exception {
        useBindings(form);
        // the SDK rereads the lists at most once per expiration (5 minutes by default); zero rereads them on every get
        DestinationService.Cache.setExpiration(Duration.ZERO, CacheExpirationStrategy.WHEN_CREATED);
        String name = subaccountDestination("changing", backEnd.url() + "/before", "NoAuthentication", Map.of());
        sendThroughSdk(name, backEnd);
        backEnd.clear();
        sendThroughSdk(name, backEnd);
        assertThat(serverSaw.finds(name)).as("find requests before the change").hasSize(1);
        backEnd.clear();

        Api.Response updated = api.put(
                API + "/subaccountDestinations",
                fixture.bindingToken(),
                destination(name, backEnd.url() + "/after", "NoAuthentication", Map.of()));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        RecordingServer.Request request = sendThroughSdk(name, backEnd);

        assertThat(serverSaw.finds(name)).as("find requests after the change").hasSize(2);
        assertThat(request.target().getPath()).isEqualTo("/after/orders");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BindingForm.class, names = "VCAP_SERVICES")
    void experimentExchanged(BindingForm form) throws Exception {
        useBindings(form);
        JsonNode credentials = Api.JSON
                .readTree(
                        Api.JSON.writeValueAsString(fixture.exports().getFirst().vcapServices()))
                .path("destination")
                .get(0)
                .path("credentials");
        Api.Response exchanged = api.form(
                "/oauth/token",
                Map.of(
                        "grant_type",
                        FakeTokenService.JWT_BEARER,
                        "assertion",
                        fixture.userToken(),
                        "client_id",
                        credentials.path("clientid").asString(),
                        "client_secret",
                        credentials.path("clientsecret").asString()),
                Map.of());
        String token = exchanged.json().path("access_token").asString();
        System.err.println("EXPERIMENT exchanged claims "
                + new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
        String name = subaccountDestination("user", backEnd.url() + "/api", "OAuth2JWTBearer", oauthClient());
        Object r = AuthTokenAccessor.executeWithAuthToken(new AuthToken(JWT.decode(token)), () -> {
            System.err.println("EXPERIMENT tenant " + TenantAccessor.tryGetCurrentTenant());
            return sendThroughSdk(name, backEnd);
        });
        System.err.println("EXPERIMENT result " + r + " grants " + tokenService.requests());
        tokenService
                .requests()
                .forEach(g -> System.err.println("EXPERIMENT assertion==exchanged "
                        + token.equals(g.form().get("assertion"))));
        backEnd.clear();
        String name2 = subaccountDestination("user", backEnd.url() + "/api", "OAuth2JWTBearer", oauthClient());
        Object r2 = AuthTokenAccessor.executeWithAuthToken(new AuthToken(JWT.decode(token)), () -> {
            var options = com.sap.cloud.sdk.cloudplatform.connectivity.DestinationOptions.builder()
                    .augmentBuilder(
                            com.sap.cloud.sdk.cloudplatform.connectivity.DestinationServiceOptionsAugmenter.augmenter()
                                    .tokenExchangeStrategy(
                                            com.sap.cloud.sdk.cloudplatform.connectivity
                                                    .DestinationServiceTokenExchangeStrategy.EXCHANGE_ONLY))
                    .build();
            var d = DestinationAccessor.getLoader()
                    .tryGetDestination(name2, options)
                    .get()
                    .asHttp();
            return ApacheHttpClient5Accessor.getHttpClient(d)
                    .execute(new HttpGet("/orders"), response -> response.getCode());
        });
        System.err.println("EXPERIMENT raw token tenant "
                + AuthTokenAccessor.executeWithAuthToken(
                        new AuthToken(JWT.decode(fixture.userToken())), () -> TenantAccessor.tryGetCurrentTenant()));
        System.err.println("EXPERIMENT exchange-only result " + r2 + " finds " + serverSaw.finds(name2));
        tokenService
                .requests()
                .forEach(g -> System.err.println("EXPERIMENT grant " + g.form().get("grant_type") + " assertion claims "
                        + (g.form().get("assertion") == null
                                ? null
                                : new String(Base64.getUrlDecoder()
                                        .decode(g.form().get("assertion").split("\\.")[1])))));
    }

    static Stream<Arguments> formsAndFailures() {
        return Stream.of(BindingForm.values())
                .flatMap(form -> Stream.of(Arguments.of(form, 500), Arguments.of(form, 401)));
    }

    /** Sends {@code GET /orders?top=1} with the SDK's HTTP client for the destination; the server must get it. */
    private RecordingServer.Request sendThroughSdk(String name, RecordingServer server) throws Exception {
        HttpDestination destination = DestinationAccessor.getDestination(name).asHttp();
        int status = ApacheHttpClient5Accessor.getHttpClient(destination)
                .execute(new HttpGet("/orders?top=1"), response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
        assertThat(status).isEqualTo(200);
        List<RecordingServer.Request> requests = server.requests();
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    /** Runs as the fixture's user: the SDK reads the user's token (and the tenant) from its thread context. */
    private static <T> T asUser(Callable<T> action) {
        AuthToken token = new AuthToken(JWT.decode(fixture.userToken()));
        return TenantAccessor.executeWithTenant(
                new DefaultTenant(fixture.subaccount()), () -> AuthTokenAccessor.executeWithAuthToken(token, action));
    }

    private static void useBindings(BindingForm form, Path directory) {
        DefaultServiceBindingAccessor.setInstance(form.accessor(fixture.exports(), directory));
    }

    private void useBindings(BindingForm form) {
        useBindings(form, bindingRoot);
    }

    /** Uploads a subaccount certificate under a unique name with this file name's extension; returns the name. */
    private String uploadCertificate(String fileName, byte[] content) {
        String name = UUID.randomUUID().toString().substring(0, 8) + "-" + fileName;
        Api.Response uploaded = api.post(
                API + "/subaccountCertificates",
                fixture.bindingToken(),
                Map.of(
                        "Name",
                        name,
                        "Type",
                        "CERTIFICATE",
                        "Content",
                        Base64.getEncoder().encodeToString(content)));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return name;
    }

    private String subaccountDestination(
            String kind, String url, String authentication, Map<String, String> properties) {
        String name = "sdk-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        create("subaccountDestinations", destination(name, url, authentication, properties));
        return name;
    }

    private static Map<String, String> destination(
            String name, String url, String authentication, Map<String, String> properties) {
        Map<String, String> destination = new LinkedHashMap<>();
        destination.put("Name", name);
        destination.put("Type", "HTTP");
        destination.put("URL", url);
        destination.put("Authentication", authentication);
        destination.put("ProxyType", "Internet");
        destination.putAll(properties);
        return destination;
    }

    private Map<String, String> oauthClient() {
        return Map.of(
                "clientId",
                "target-client",
                "clientSecret",
                "target-secret",
                "tokenServiceURL",
                tokenService.tokenUrl());
    }

    private void create(String collection, Map<String, String> destination) {
        Api.Response created = api.post(API + "/" + collection, fixture.bindingToken(), destination);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private JsonNode listEntry(String collection, String name) {
        Api.Response list = api.get(API + "/" + collection, fixture.bindingToken());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json()
                .valueStream()
                .filter(entry -> entry.path("Name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode find(String name) {
        Api.Response found = api.get(API + "/destinations/" + name, fixture.bindingToken());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json();
    }

    private FakeTokenService.TokenRequest onlyTokenRequest() {
        List<FakeTokenService.TokenRequest> requests = tokenService.requests();
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static List<Throwable> everyCause(Throwable thrown) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable throwable : ExceptionUtils.getThrowableList(thrown)) {
            all.add(throwable);
            for (Throwable suppressed : throwable.getSuppressed()) {
                all.addAll(everyCause(suppressed));
            }
        }
        return all;
    }

    /**
     * Forgets what the SDK keeps in static state between tests: the binding accessor, the destination loader (and
     * with it the Destination service's adapter), the destination cache with its defaults, and every registered
     * cache (tokens, HTTP clients).
     */
    private static void resetSdk() {
        DefaultServiceBindingAccessor.setInstance(null);
        DestinationAccessor.setLoader(null);
        try {
            // package-private in 5.25.0; "should not be done outside of testing", which this is
            Method reset = DestinationService.Cache.class.getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DestinationService.Cache.reset() is gone from the SDK", e);
        }
        CacheManager.invalidateAll();
    }

    /** A subaccount with a destination and a connectivity instance, one binding each, and a user of the account. */
    private record Fixture(
            String subaccount,
            String bindingToken,
            JsonNode connectivityCredentials,
            List<Export> exports,
            String userToken) {
        static Fixture create(Api api) {
            Tenant tenant = Tenant.create(api);
            Bindings bindings = new Bindings(api, tenant);
            String subaccount = bindings.subaccount();
            String destinationInstance = bindings.instance(subaccount, "destination");
            JsonNode destination = bindings.binding(subaccount, destinationInstance);
            String connectivityInstance = bindings.instance(subaccount, "connectivity");
            JsonNode connectivity = bindings.binding(subaccount, connectivityInstance);
            return new Fixture(
                    subaccount,
                    bindings.token(destination.path("credentials")),
                    connectivity.path("credentials"),
                    List.of(
                            export(api, tenant, subaccount, destinationInstance, destination),
                            export(api, tenant, subaccount, connectivityInstance, connectivity)),
                    tenant.userToken("Viewer"));
        }

        private static Export export(Api api, Tenant tenant, String subaccount, String instance, JsonNode binding) {
            String path = "/api/v1/subaccounts/" + subaccount + "/service-instances/" + instance + "/bindings/"
                    + binding.path("id").asString();
            Api.Response vcapServices = api.get(path + "/vcap-services", tenant.adminToken);
            assertThat(vcapServices.status()).as(vcapServices.toString()).isEqualTo(200);
            Api.Response bindingRoot = api.get(path + "/binding-root", tenant.adminToken);
            assertThat(bindingRoot.status()).as(bindingRoot.toString()).isEqualTo(200);
            return new Export(vcapServices.json(), bindingRoot.json());
        }
    }
}
