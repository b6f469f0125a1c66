package io.mooring.server.destination.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.sap.cloud.environment.servicebinding.api.DefaultServiceBindingAccessor;
import com.sap.cloud.sdk.cloudplatform.cache.CacheManager;
import com.sap.cloud.sdk.cloudplatform.connectivity.ApacheHttpClient5Accessor;
import com.sap.cloud.sdk.cloudplatform.connectivity.Destination;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationAccessor;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationService;
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
import io.mooring.server.testing.TokenServiceStub;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * What the SAP Cloud SDK conformance tests share: a server whose connectivity bindings name its real connectivity
 * proxy, a subaccount with a destination and a connectivity binding exported by Mooring, the user of the account, fake
 * token services and back ends, and the resets of the SDK's static state. The SDK is used as an application uses
 * it: bindings read by its own parsers, {@code DestinationAccessor}, {@code ApacheHttpClient5Accessor}.
 */
@OnH2
@Import(SapCloudSdkServerConfiguration.class)
abstract class SapCloudSdkTestSupport extends ServerTest {
    static final String API = "/destination-configuration/v1";

    /** The subaccount and its bindings, made once per server: each test uses its own destination names. */
    static Fixture fixture;

    @Autowired
    DestinationServiceRequests serverSaw;

    @TempDir
    Path bindingRoot;

    TokenServiceStub tokenService;
    RecordingServer backEnd;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void prepare() {
        if (fixture == null || !fixture.server().equals(api.base())) {
            fixture = Fixture.create(api);
        }
        resetSdk();
        serverSaw.clear();
        tokenService = closeLater(TokenServiceStub.start());
        backEnd = closeLater(RecordingServer.http());
    }

    @AfterEach
    void cleanUp() throws Exception {
        resetSdk();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    /** Installs the fixture's bindings in this form as the SDK's service bindings. */
    void useBindings(BindingForm form) {
        DefaultServiceBindingAccessor.setInstance(form.accessor(fixture.exports(), bindingRoot));
    }

    /**
     * Sends {@code GET /orders?top=1} with the SDK's HTTP client for the named destination and returns the one
     * request {@code server} recorded.
     */
    static RecordingServer.Request sendThroughSdk(String name, RecordingServer server) throws Exception {
        return sendThroughSdk(DestinationAccessor.getDestination(name), server);
    }

    static RecordingServer.Request sendThroughSdk(Destination destination, RecordingServer server) throws Exception {
        int status = ApacheHttpClient5Accessor.getHttpClient(destination.asHttp())
                .execute(new HttpGet("/orders?top=1"), response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
        assertThat(status).isEqualTo(200);
        List<RecordingServer.Request> requests = server.requests();
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    /**
     * Runs as the fixture's user, the way the SDK expects a request of a user: the user's token and the tenant in
     * its thread context. The tenant must be the binding's subaccount, named explicitly: the SDK would otherwise
     * take the token's {@code zid}, which for a Mooring user is the global account.
     */
    static <T> T asUser(Callable<T> action) {
        AuthToken token = new AuthToken(JWT.decode(fixture.userToken()));
        return TenantAccessor.executeWithTenant(
                new DefaultTenant(fixture.subaccount()), () -> AuthTokenAccessor.executeWithAuthToken(token, action));
    }

    /** Creates a subaccount destination of this kind with a unique name; returns the name. */
    String subaccountDestination(String kind, String url, String authentication, Map<String, String> properties) {
        String name = "sdk-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        create("subaccountDestinations", destination(name, url, authentication, properties));
        return name;
    }

    static Map<String, String> destination(
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

    /** The OAuth client of a destination whose token service is the fake one. */
    Map<String, String> oauthClient() {
        Map<String, String> client = new LinkedHashMap<>();
        client.put("clientId", "target-client");
        client.put("clientSecret", "target-secret");
        client.put("tokenServiceURL", tokenService.tokenUrl());
        return client;
    }

    void create(String collection, Map<String, String> destination) {
        Api.Response created = api.post(API + "/" + collection, fixture.bindingToken(), destination);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** Uploads a subaccount certificate under a unique name ending in {@code fileName}; returns the name. */
    String uploadCertificate(String fileName, byte[] content) {
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

    TokenServiceStub.TokenRequest onlyTokenRequest() {
        List<TokenServiceStub.TokenRequest> requests = tokenService.requests();
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /**
     * Forgets what the SDK keeps in static state: the binding accessor, the destination loader (and with it the
     * Destination service's adapter), the destination cache with its default settings, and every registered cache
     * (tokens, HTTP clients).
     */
    private static void resetSdk() {
        DefaultServiceBindingAccessor.setInstance(null);
        DestinationAccessor.setLoader(null);
        try {
            // package-private in 5.25.0, "not to be done outside of testing", which this is
            Method reset = DestinationService.Cache.class.getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DestinationService.Cache.reset() is gone from the SDK", e);
        }
        CacheManager.invalidateAll();
    }

    /**
     * A subaccount with a destination and a connectivity instance, one binding each as Mooring exports them, a
     * token of the destination binding (to manage destinations), the global account with its administrator (to
     * register connectors) and a user of the global account with a token.
     */
    record Fixture(
            String server,
            Tenant tenant,
            String subaccount,
            JsonNode destinationCredentials,
            String bindingToken,
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
                    api.base(),
                    tenant,
                    subaccount,
                    destination.path("credentials"),
                    bindings.token(destination.path("credentials")),
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
