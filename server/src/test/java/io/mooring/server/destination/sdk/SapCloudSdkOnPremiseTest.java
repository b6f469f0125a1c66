package io.mooring.server.destination.sdk;

import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_HOST;
import static io.mooring.server.testing.OnPremiseLandscape.VIRTUAL_PORT;
import static io.mooring.server.testing.OnPremiseLandscape.subPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.sap.cloud.sdk.cloudplatform.connectivity.ApacheHttpClient5Accessor;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationAccessor;
import io.mooring.connector.access.PrincipalType;
import io.mooring.connector.access.Resource;
import io.mooring.server.testing.BackEnd;
import io.mooring.server.testing.OnPremiseLandscape;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OnPremise destinations used by the unchanged SAP Cloud SDK the whole way, with nothing faked between the SDK and
 * the back end: the SDK's HTTP client sends its request to Mooring's connectivity proxy, which passes it through the
 * tunnel to a real connector paired with the fixture's subaccount, which forwards it to a real back end.
 */
class SapCloudSdkOnPremiseTest extends SapCloudSdkTestSupport {
    private static final String URL = "http://" + VIRTUAL_HOST + ":" + VIRTUAL_PORT + "/sap/opu/odata";
    private static final List<Resource> RESOURCES = List.of(subPaths("/sap/opu/odata"));

    @TempDir
    static Path connectorData;

    /** The connector without a location ID, the one a destination reaches when it names none. */
    static OnPremiseLandscape defaultLocation;

    /** A second connector of the same subaccount, in front of a back end of its own. */
    static OnPremiseLandscape berlin;

    @BeforeEach
    void startConnectors() {
        if (defaultLocation == null || !defaultLocation.subaccountId.equals(fixture.subaccount())) {
            stopConnectors();
            defaultLocation = OnPremiseLandscape.forSubaccount(
                    api, fixture.tenant(), fixture.subaccount(), connectorData, "", RESOURCES);
            berlin = OnPremiseLandscape.forSubaccount(
                    api, fixture.tenant(), fixture.subaccount(), connectorData, "berlin", RESOURCES);
        }
        // the principal propagation test maps the back end with X509_CERTIFICATE
        defaultLocation.expose(RESOURCES, PrincipalType.NONE);
        defaultLocation.backEnd.clear();
        berlin.backEnd.clear();
    }

    @AfterAll
    static void stopConnectors() {
        for (OnPremiseLandscape landscape : new OnPremiseLandscape[] {defaultLocation, berlin}) {
            if (landscape != null) {
                landscape.close();
            }
        }
        defaultLocation = null;
        berlin = null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void basicAuthenticationShouldReachTheBackEndWithoutTheProxysHeaders(BindingForm form) throws Exception {
        useBindings(form);
        String name =
                onPremiseDestination("basic", "BasicAuthentication", Map.of("User", "alice", "Password", "pa:ss"));

        Answer answer = getThroughSdk(name);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello from /sap/opu/odata/orders");
        BackEnd.Request request = onlyRequest(defaultLocation);
        assertThat(request.rawPath()).isEqualTo("/sap/opu/odata/orders?top=1");
        assertThat(request.header("Host")).isEqualTo(VIRTUAL_HOST + ":" + VIRTUAL_PORT);
        String basic = Base64.getEncoder().encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(request.headers().get("Authorization")).containsExactly("Basic " + basic);
        assertNoProxyHeaders(request);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void principalPropagationShouldGiveTheBackEndACertificateOfTheUser(BindingForm form) throws Exception {
        useBindings(form);
        defaultLocation.expose(RESOURCES, PrincipalType.X509_CERTIFICATE);
        String name = onPremiseDestination("pp", "PrincipalPropagation", Map.of());

        Answer answer = asUser(() -> getThroughSdk(name));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        BackEnd.Request request = onlyRequest(defaultLocation);
        assertThat(request.header("SSL_CLIENT_CERT")).as("SSL_CLIENT_CERT").isNotNull();
        X509Certificate user = certificate(Base64.getDecoder().decode(request.header("SSL_CLIENT_CERT")));
        X509Certificate principalCa =
                certificate(defaultLocation.connector().principalCaPem().getBytes(StandardCharsets.US_ASCII));
        String userName = JWT.decode(fixture.userToken()).getClaim("user_name").asString();
        assertThat(user.getSubjectX500Principal().getName()).isEqualTo("CN=" + userName);
        assertThat(user.getIssuerX500Principal()).isEqualTo(principalCa.getSubjectX500Principal());
        user.verify(principalCa.getPublicKey());
        user.checkValidity();
        assertThat(request.header("Authorization")).isNull();
        assertNoProxyHeaders(request);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void aCloudConnectorLocationIdShouldReachTheConnectorOfThatLocation(BindingForm form) throws Exception {
        useBindings(form);
        String name = onPremiseDestination("berlin", "NoAuthentication", Map.of("CloudConnectorLocationId", "berlin"));

        Answer answer = getThroughSdk(name);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(onlyRequest(berlin).rawPath()).isEqualTo("/sap/opu/odata/orders?top=1");
        assertThat(defaultLocation.backEnd.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void anUnknownCloudConnectorLocationIdShouldGet502FromTheProxy(BindingForm form) throws Exception {
        useBindings(form);
        String name =
                onPremiseDestination("nowhere", "NoAuthentication", Map.of("CloudConnectorLocationId", "nowhere"));

        Answer answer = getThroughSdk(name);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).contains("location ID 'nowhere'");
        assertThat(defaultLocation.backEnd.requests()).isEmpty();
        assertThat(berlin.backEnd.requests()).isEmpty();
    }

    /** Creates a subaccount destination of {@value #URL} through the connectivity proxy; returns its name. */
    private String onPremiseDestination(String kind, String authentication, Map<String, String> properties) {
        Map<String, String> onPremise = new LinkedHashMap<>(properties);
        onPremise.put("ProxyType", "OnPremise");
        return subaccountDestination(kind, URL, authentication, onPremise);
    }

    /** Sends {@code GET /orders?top=1} with the SDK's HTTP client for the named destination; returns the answer. */
    private static Answer getThroughSdk(String name) throws Exception {
        return ApacheHttpClient5Accessor.getHttpClient(
                        DestinationAccessor.getDestination(name).asHttp())
                .execute(
                        new HttpGet("/orders?top=1"),
                        response -> new Answer(
                                response.getCode(),
                                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())));
    }

    private static BackEnd.Request onlyRequest(OnPremiseLandscape landscape) {
        List<BackEnd.Request> requests = landscape.backEnd.requests();
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private static void assertNoProxyHeaders(BackEnd.Request request) {
        Set<String> names = request.headers().keySet();
        assertThat(names)
                .noneMatch(header -> header.toLowerCase(Locale.ROOT).startsWith("proxy-")
                        || header.toLowerCase(Locale.ROOT).startsWith("sap-connectivity-")
                        || header.toLowerCase(Locale.ROOT).startsWith("mooring-"));
    }

    private static X509Certificate certificate(byte[] encoded) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
    }

    private record Answer(int status, String body) {}
}
