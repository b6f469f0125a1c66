package io.mooring.server.destination.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.TokenServiceStub;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each authentication type of a destination, resolved by Mooring's "find destination" and used by the unchanged
 * SAP Cloud SDK: the SDK's request reaches a back end on a loopback port with exactly the credentials the type
 * calls for, with the bindings read from {@code VCAP_SERVICES} and from a {@code SERVICE_BINDING_ROOT} folder.
 */
class SapCloudSdkAuthenticationTest extends SapCloudSdkTestSupport {
    private static final String STORE_PASSWORD = "key-store-secret";

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

        String basic = Base64.getEncoder().encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("Authorization")).containsExactly("Basic " + basic);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void oauth2ClientCredentialsShouldSendTheTokenOfAClientCredentialsGrant(BindingForm form) throws Exception {
        useBindings(form);
        String name = subaccountDestination("cc", backEnd.url() + "/api", "OAuth2ClientCredentials", oauthClient());

        RecordingServer.Request request = sendThroughSdk(name, backEnd);

        TokenServiceStub.TokenRequest grant = onlyTokenRequest();
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

        TokenServiceStub.TokenRequest grant = onlyTokenRequest();
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
    void oauth2JwtBearerShouldSendTheTokenOfAJwtBearerGrantForTheUser(BindingForm form) throws Exception {
        userShouldGetTheTokenOfAJwtBearerGrant(form, "OAuth2JWTBearer");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void oauth2UserTokenExchangeShouldSendTheTokenOfAJwtBearerGrantForTheUser(BindingForm form) throws Exception {
        userShouldGetTheTokenOfAJwtBearerGrant(form, "OAuth2UserTokenExchange");
    }

    private void userShouldGetTheTokenOfAJwtBearerGrant(BindingForm form, String authentication) throws Exception {
        useBindings(form);
        String name = subaccountDestination("user", backEnd.url() + "/api", authentication, oauthClient());

        RecordingServer.Request request = asUser(() -> sendThroughSdk(name, backEnd));

        assertThat(serverSaw.finds(name))
                .as("the SDK forwards the user's token to find in X-user-token")
                .singleElement()
                .extracting(DestinationServiceRequests.Seen::userToken)
                .isEqualTo(fixture.userToken());
        TokenServiceStub.TokenRequest grant = onlyTokenRequest();
        assertThat(grant.form())
                .containsEntry("grant_type", TokenServiceStub.JWT_BEARER)
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
        String keyStore = uploadCertificate("client.p12", client.pkcs12(STORE_PASSWORD));
        String trustStore = uploadCertificate("back-end.jks", server.jksTrustStore(STORE_PASSWORD));
        String name = subaccountDestination(
                "cert",
                httpsBackEnd.url() + "/api",
                "ClientCertificateAuthentication",
                Map.of(
                        "KeyStoreLocation", keyStore,
                        "KeyStorePassword", STORE_PASSWORD,
                        "TrustStoreLocation", trustStore,
                        "TrustStorePassword", STORE_PASSWORD));

        RecordingServer.Request request = sendThroughSdk(name, httpsBackEnd);

        assertThat(request.clientSubject())
                .isEqualTo(client.certificate().getSubjectX500Principal().getName());
        assertThat(request.header("Authorization")).isEmpty();
    }
}
