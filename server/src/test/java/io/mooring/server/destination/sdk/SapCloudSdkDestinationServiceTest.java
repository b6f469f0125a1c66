package io.mooring.server.destination.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.sap.cloud.sdk.cloudplatform.connectivity.Destination;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationAccessor;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationOptions;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationService;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationServiceOptionsAugmenter;
import com.sap.cloud.sdk.cloudplatform.connectivity.DestinationServiceTokenExchangeStrategy;
import com.sap.cloud.sdk.cloudplatform.connectivity.exception.DestinationAccessException;
import com.sap.cloud.sdk.cloudplatform.connectivity.exception.DestinationNotFoundException;
import com.sap.cloud.sdk.cloudplatform.resilience.CacheExpirationStrategy;
import com.sap.cloud.sdk.cloudplatform.security.AuthToken;
import com.sap.cloud.sdk.cloudplatform.security.AuthTokenAccessor;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.TokenServiceStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * How the unchanged SAP Cloud SDK experiences Mooring's Destination service beyond authentication: which level wins,
 * the exceptions it raises for an unknown name and for a failing token service, its change detection (a cached
 * destination is served again after comparing it with the lists, without another "find"), and the ways it passes a
 * user's token on.
 */
class SapCloudSdkDestinationServiceTest extends SapCloudSdkTestSupport {

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

    static Stream<Arguments> formsAndFailures() {
        return Stream.of(BindingForm.values())
                .flatMap(form -> Stream.of(Arguments.of(form, 500), Arguments.of(form, 401)));
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
    @EnumSource(BindingForm.class)
    void userTokenOfTheSubaccountShouldNeedNoExplicitTenant(BindingForm form) throws Exception {
        useBindings(form);
        String userToken = subaccountUserToken();
        String name = subaccountDestination("user", backEnd.url() + "/api", "OAuth2JWTBearer", oauthClient());

        RecordingServer.Request request = AuthTokenAccessor.executeWithAuthToken(
                new AuthToken(JWT.decode(userToken)), () -> sendThroughSdk(name, backEnd));

        assertThat(serverSaw.tokenRequests())
                .as("the SDK names the tenant it read from the user's token when it fetches its binding token")
                .extracting(DestinationServiceRequests.Seen::zid)
                .containsOnly(fixture.subaccount());
        assertThat(serverSaw.finds(name))
                .singleElement()
                .extracting(DestinationServiceRequests.Seen::userToken)
                .isEqualTo(userToken);
        TokenServiceStub.TokenRequest grant = onlyTokenRequest();
        assertThat(grant.form()).containsEntry("assertion", userToken);
        assertThat(request.header("Authorization")).containsExactly("Bearer " + grant.issuedToken());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindingForm.class)
    void exchangeOnlyShouldLetTheSdkExchangeTheUsersTokenAtMooring(BindingForm form) throws Exception {
        useBindings(form);
        String userToken = subaccountUserToken();
        String name = subaccountDestination("exchanged", backEnd.url() + "/api", "OAuth2JWTBearer", oauthClient());
        DestinationOptions exchangeOnly = DestinationOptions.builder()
                .augmentBuilder(DestinationServiceOptionsAugmenter.augmenter()
                        .tokenExchangeStrategy(DestinationServiceTokenExchangeStrategy.EXCHANGE_ONLY))
                .build();

        RecordingServer.Request request =
                AuthTokenAccessor.executeWithAuthToken(new AuthToken(JWT.decode(userToken)), () -> {
                    Destination destination = DestinationAccessor.getLoader()
                            .tryGetDestination(name, exchangeOnly)
                            .get();
                    return sendThroughSdk(destination, backEnd);
                });

        assertThat(serverSaw.finds(name))
                .as("find gets the exchanged user token in Authorization, none in X-user-token")
                .singleElement()
                .extracting(DestinationServiceRequests.Seen::userToken)
                .isNull();
        TokenServiceStub.TokenRequest grant = onlyTokenRequest();
        DecodedJWT assertion = JWT.decode(grant.form().get("assertion"));
        DecodedJWT original = JWT.decode(userToken);
        assertThat(assertion.getToken()).isNotEqualTo(userToken);
        assertThat(assertion.getClaim("user_name").asString())
                .isEqualTo(original.getClaim("user_name").asString());
        assertThat(assertion.getClaim("zid").asString()).isEqualTo(fixture.subaccount());
        assertThat(assertion.getClaim("grant_type").asString()).isEqualTo(TokenServiceStub.JWT_BEARER);
        assertThat(request.header("Authorization")).containsExactly("Bearer " + grant.issuedToken());
    }

    /**
     * An application that puts only the user's Mooring token into the SDK's context, as SAP's security integrations
     * do with the token of an incoming request. The SDK takes the tenant from the token's {@code zid}, the global
     * account, and sends it as {@code X-zid} when it fetches its destination binding's token; Mooring's token
     * endpoint accepts the binding's global account there as well as its subaccount.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BindingForm.class, names = "VCAP_SERVICES")
    void userTokenOfTheGlobalAccountShouldNeedNoExplicitTenant(BindingForm form) {
        useBindings(form);
        String name = subaccountDestination("user", backEnd.url() + "/api", "OAuth2JWTBearer", oauthClient());

        assertThatCode(() -> AuthTokenAccessor.executeWithAuthToken(
                        new AuthToken(JWT.decode(fixture.userToken())), () -> sendThroughSdk(name, backEnd)))
                .as(
                        "the SDK takes the tenant from the user token's zid (%s, the global account) and sends it as"
                                + " X-zid for the token of the binding of subaccount %s. X-zid sent: %s",
                        fixture.tenant().id,
                        fixture.subaccount(),
                        serverSaw.tokenRequests().stream()
                                .map(DestinationServiceRequests.Seen::zid)
                                .toList())
                .doesNotThrowAnyException();
    }

    /** A token of the fixture's user for the subaccount: the user's token exchanged through the binding. */
    private String subaccountUserToken() {
        JsonNode credentials = fixture.destinationCredentials();
        Api.Response exchanged = api.form(
                "/oauth/token",
                Map.of(
                        "grant_type", TokenServiceStub.JWT_BEARER,
                        "assertion", fixture.userToken(),
                        "client_id", credentials.path("clientid").asString(),
                        "client_secret", credentials.path("clientsecret").asString()),
                Map.of());
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        serverSaw.clear();
        return exchanged.json().path("access_token").asString();
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

    /** The exception, its causes, and their suppressed exceptions with their causes. */
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
}
