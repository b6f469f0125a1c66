package io.mooring.server.landscape.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.pki.PemCodec;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.Pairings;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Registration, integration tokens and pairing over HTTP, as an administrator and an external system see them. */
abstract class SystemRegistrationTests extends ServerTest {

    @Test
    void registerShouldAnswerPendingSystemWithOneTimeTokenValidTenMinutes() {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("S/4HANA Cloud DEV System", "S4HANA_CLOUD");

        JsonNode system = registration.path("system");
        assertThat(system.path("status").asString()).isEqualTo("PENDING");
        assertThat(system.path("communicationScenarioGroup").asString()).isEqualTo("All Communication Scenarios");
        String token = registration.path("integrationToken").path("token").asString();
        assertThat(token).startsWith("mit_").hasSize(47);
        assertThat(Duration.between(
                        java.time.Instant.parse(system.path("createdAt").asString()),
                        java.time.Instant.parse(registration
                                .path("integrationToken")
                                .path("expiresAt")
                                .asString())))
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(1));
        Api.Response read = api.get("/api/v1/systems/" + system.path("id").asString(), tenant.adminToken);
        assertThat(read.text()).doesNotContain(token);
    }

    @Test
    void pairWithValidTokenShouldRegisterSystemAndIssueClientCredentialsThatWork() {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("Commerce EU", "COMMERCE_CLOUD");

        Api.Response paired = api.post("/api/v1/pairing", null, Pairings.of(registration, "CC-0001"));

        assertThat(paired.status()).as(paired.toString()).isEqualTo(200);
        JsonNode credentials = paired.json().path("credentials");
        assertThat(credentials.path("type").asString()).isEqualTo("CLIENT_CREDENTIALS");
        String id = registration.path("system").path("id").asString();
        JsonNode system = api.get("/api/v1/systems/" + id, tenant.adminToken).json();
        assertThat(system.path("status").asString()).isEqualTo("REGISTERED");
        assertThat(system.path("systemNumber").asString()).isEqualTo("CC-0001");
        assertThat(system.path("notificationUrl").asString()).isEqualTo("https://cc-0001.s4.example.com/notify");
        Api.Response systemToken = api.clientCredentials(
                credentials.path("clientId").asString(),
                credentials.path("clientSecret").asString());
        assertThat(systemToken.status()).as(systemToken.toString()).isEqualTo(200);
        JsonNode me = api.get(
                        "/api/v1/me", systemToken.json().path("access_token").asString())
                .json();
        assertThat(me.path("type").asString()).isEqualTo("SYSTEM");
        assertThat(me.path("globalAccountId").asString()).isEqualTo(tenant.id);
    }

    @Test
    void pairWithCsrShouldIssueClientCertificateSignedByMooringsCa() throws Exception {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("SuccessFactors", "SUCCESSFACTORS");
        Map<String, Object> pairing = new java.util.HashMap<>(Pairings.of(registration, "SF-1"));
        pairing.put("csr", csr());

        Api.Response paired = api.post("/api/v1/pairing", null, pairing);

        assertThat(paired.status()).as(paired.toString()).isEqualTo(200);
        JsonNode credentials = paired.json().path("credentials");
        X509Certificate certificate =
                PemCodec.readCertificate(credentials.path("certificate").asString());
        X509Certificate ca =
                PemCodec.readCertificate(credentials.path("caCertificate").asString());
        certificate.verify(ca.getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName())
                .contains("CN=" + registration.path("system").path("id").asString())
                .contains("O=" + tenant.id);
        JsonNode system = api.get(
                        "/api/v1/systems/"
                                + registration.path("system").path("id").asString(),
                        tenant.adminToken)
                .json();
        assertThat(system.path("credentialType").asString()).isEqualTo("CLIENT_CERTIFICATE");
        assertThat(system.path("certificateSerial").asString())
                .isEqualTo(certificate.getSerialNumber().toString(16));
    }

    @Test
    void pairWithUsedTokenShouldAnswerConflictAndKeepTheFirstPairing() {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("Used token", "S4HANA_CLOUD");
        assertThat(api.post("/api/v1/pairing", null, Pairings.of(registration, "U-1"))
                        .status())
                .isEqualTo(200);

        Api.Response second = api.post("/api/v1/pairing", null, Pairings.of(registration, "U-2"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.problemType()).isEqualTo("urn:mooring:problem:integration-token-used");
        JsonNode system = api.get(
                        "/api/v1/systems/"
                                + registration.path("system").path("id").asString(),
                        tenant.adminToken)
                .json();
        assertThat(system.path("systemNumber").asString()).isEqualTo("U-1");
    }

    @Test
    void pairAfterTenMinutesShouldAnswerExpiredAndLeaveSystemPending() {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("Expired token", "S4HANA_CLOUD");
        clock().advance(Duration.ofMinutes(10));

        Api.Response paired = api.post("/api/v1/pairing", null, Pairings.of(registration, "E-1"));

        assertThat(paired.status()).isEqualTo(410);
        assertThat(paired.problemType()).isEqualTo("urn:mooring:problem:integration-token-expired");
        String id = registration.path("system").path("id").asString();
        assertThat(api.get("/api/v1/systems/" + id, tenant.adminToken)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void pairJustBeforeExpiryShouldSucceed() {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("Almost expired", "S4HANA_CLOUD");
        clock().advance(Duration.ofMinutes(10).minusSeconds(1));

        assertThat(api.post("/api/v1/pairing", null, Pairings.of(registration, "AE-1"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void pairWithMalformedOrUnknownTokenShouldSayWhichAndChangeNothing() {
        Api.Response malformed = api.post("/api/v1/pairing", null, Pairings.withToken("not-a-token", "M-1"));
        Api.Response unknown = api.post("/api/v1/pairing", null, Pairings.withToken("mit_" + "A".repeat(43), "M-1"));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.problemType()).isEqualTo("urn:mooring:problem:integration-token-malformed");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("urn:mooring:problem:integration-token-unknown");
    }

    @Test
    void displayTokenShouldSupersedeThePreviousTokenWhilePending() {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("Display token", "S4HANA_CLOUD");
        String id = registration.path("system").path("id").asString();

        Api.Response displayed = api.post("/api/v1/systems/" + id + "/integration-token", tenant.adminToken, Map.of());

        assertThat(displayed.status()).isEqualTo(200);
        Api.Response old = api.post("/api/v1/pairing", null, Pairings.of(registration, "D-1"));
        assertThat(old.status()).isEqualTo(410);
        assertThat(old.problemType()).isEqualTo("urn:mooring:problem:integration-token-superseded");
        Api.Response fresh = api.post(
                "/api/v1/pairing",
                null,
                Pairings.withToken(displayed.json().path("token").asString(), "D-1"));
        assertThat(fresh.status()).isEqualTo(200);
        Api.Response afterPairing =
                api.post("/api/v1/systems/" + id + "/integration-token", tenant.adminToken, Map.of());
        assertThat(afterPairing.status()).isEqualTo(409);
        assertThat(afterPairing.problemType()).isEqualTo("urn:mooring:problem:invalid-state");
    }

    @Test
    void pairWithSystemNumberOfAnotherSystemShouldSetErrorWithReason() {
        Tenant tenant = newTenant();
        tenant.registeredSystem("First", "DUP-1");
        JsonNode second = tenant.register("Second", "S4HANA_CLOUD");

        Api.Response paired = api.post("/api/v1/pairing", null, Pairings.of(second, "DUP-1"));

        assertThat(paired.status()).isEqualTo(422);
        assertThat(paired.problemType()).isEqualTo("urn:mooring:problem:pairing-failed");
        JsonNode system = api.get(
                        "/api/v1/systems/" + second.path("system").path("id").asString(), tenant.adminToken)
                .json();
        assertThat(system.path("status").asString()).isEqualTo("ERROR");
        assertThat(system.path("statusReason").asString()).contains("DUP-1").contains("First");
        Api.Response deregister =
                api.delete("/api/v1/systems/" + system.path("id").asString(), tenant.adminToken);
        assertThat(deregister.status()).isEqualTo(409);
        assertThat(deregister.json().path("detail").asString()).contains("ERROR");
    }

    @Test
    void registerWithTakenNameShouldAnswerConflictIgnoringCase() {
        Tenant tenant = newTenant();
        tenant.register("S4 Production", "S4HANA_CLOUD");

        Api.Response duplicate =
                api.post("/api/v1/systems", tenant.adminToken, Map.of("name", "s4 PRODUCTION", "type", "S4HANA_CLOUD"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problemType()).isEqualTo("urn:mooring:problem:name-taken");
    }

    @Test
    void listShouldFilterAndPageWithStableCursor() {
        Tenant tenant = newTenant();
        for (int i = 0; i < 7; i++) {
            tenant.register("C4C " + i, "CLOUD_FOR_CUSTOMER");
        }
        tenant.registeredSystem("S4 registered", "LIST-1");

        List<String> names = new java.util.ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = api.get(
                            "/api/v1/systems?type=CLOUD_FOR_CUSTOMER&limit=3&cursor=" + cursor, tenant.adminToken)
                    .json();
            page.path("items").forEach(item -> names.add(item.path("name").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);

        assertThat(names).containsExactly("C4C 0", "C4C 1", "C4C 2", "C4C 3", "C4C 4", "C4C 5", "C4C 6");
        JsonNode registered =
                api.get("/api/v1/systems?status=REGISTERED", tenant.adminToken).json();
        assertThat(registered.path("items")).hasSize(1);
        JsonNode byName =
                api.get("/api/v1/systems?name=c4c%205", tenant.adminToken).json();
        assertThat(byName.path("items")).hasSize(1);
    }

    @Test
    void updateShouldChangeLabelsAndRefuseStaleVersions() {
        Tenant tenant = newTenant();
        String id = tenant.register("Labelled", "S4HANA_CLOUD")
                .path("system")
                .path("id")
                .asString();
        Api.Response read = api.get("/api/v1/systems/" + id, tenant.adminToken);

        Api.Response updated = api.send(api.request("/api/v1/systems/" + id, tenant.adminToken)
                .header("Content-Type", "application/json")
                .header("If-Match", read.header("ETag"))
                .method(
                        "PATCH",
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"description\":\"Production\",\"labels\":{\"region\":\"eu\"}}")));
        Api.Response stale = api.send(api.request("/api/v1/systems/" + id, tenant.adminToken)
                .header("Content-Type", "application/json")
                .header("If-Match", read.header("ETag"))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"description\":\"lost\"}")));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("labels").path("region").asString()).isEqualTo("eu");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get("/api/v1/systems/" + id, tenant.adminToken)
                        .json()
                        .path("description")
                        .asString())
                .isEqualTo("Production");
    }

    @Test
    void deregisterShouldRemoveSystemAndRevokeItsCredentials() {
        Tenant tenant = newTenant();
        JsonNode registration = tenant.register("Short-lived", "S4HANA_CLOUD");
        JsonNode credentials = api.post("/api/v1/pairing", null, Pairings.of(registration, "GONE-1"))
                .json()
                .path("credentials");
        String id = registration.path("system").path("id").asString();

        assertThat(api.delete("/api/v1/systems/" + id, tenant.adminToken).status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/systems/" + id, tenant.adminToken).status()).isEqualTo(404);
        Api.Response systemLogin = api.clientCredentials(
                credentials.path("clientId").asString(),
                credentials.path("clientSecret").asString());
        assertThat(systemLogin.status()).isEqualTo(401);
        JsonNode audit = api.get("/api/v1/audit-events?targetId=" + id, tenant.adminToken)
                .json();
        List<String> actions = new java.util.ArrayList<>();
        audit.path("items").forEach(event -> actions.add(event.path("action").asString()));
        assertThat(actions).containsExactly("system.remove", "system.deregister", "system.pair", "system.register");
    }

    @Test
    void discoveryImportShouldBeIdempotentBySystemNumber() {
        Tenant tenant = newTenant();
        Map<String, Object> discovery = Map.of(
                "systems",
                List.of(
                        Map.of("systemNumber", "FSM-1", "name", "FSM Europe", "type", "FIELD_SERVICE_MANAGEMENT"),
                        Map.of("systemNumber", "FSM-2", "name", "FSM America", "type", "FIELD_SERVICE_MANAGEMENT")));

        JsonNode first = api.post("/api/v1/systems/discovery", tenant.adminToken, discovery)
                .json();
        JsonNode again = api.post("/api/v1/systems/discovery", tenant.adminToken, discovery)
                .json();
        JsonNode renamed = api.post(
                        "/api/v1/systems/discovery",
                        tenant.adminToken,
                        Map.of(
                                "systems",
                                List.of(Map.of(
                                        "systemNumber",
                                        "FSM-1",
                                        "name",
                                        "FSM EU",
                                        "type",
                                        "FIELD_SERVICE_MANAGEMENT"))))
                .json();

        assertThat(first.path("created").asInt()).isEqualTo(2);
        assertThat(again.path("unchanged").asInt()).isEqualTo(2);
        assertThat(renamed.path("updated").asInt()).isEqualTo(1);
        JsonNode systems = api.get("/api/v1/systems", tenant.adminToken).json().path("items");
        assertThat(systems).hasSize(2);
        assertThat(systems.get(0).path("name").asString()).isEqualTo("FSM America");
        assertThat(systems.get(1).path("discovered").asBoolean()).isTrue();
    }

    @Test
    void discoveredSystemShouldPairUnderItsOwnNumberAndGiveUpAnOldOneWhenRenumbered() {
        Tenant tenant = newTenant();
        JsonNode imported = api.post(
                        "/api/v1/systems/discovery",
                        tenant.adminToken,
                        Map.of(
                                "systems",
                                List.of(
                                        Map.of("systemNumber", "D-1", "name", "Discovered one", "type", "S4HANA_CLOUD"),
                                        Map.of(
                                                "systemNumber",
                                                "D-2",
                                                "name",
                                                "Discovered two",
                                                "type",
                                                "S4HANA_CLOUD"))))
                .json();
        String first = imported.path("systems").get(0).path("id").asString();
        String second = imported.path("systems").get(1).path("id").asString();
        String firstToken = api.post("/api/v1/systems/" + first + "/integration-token", tenant.adminToken, Map.of())
                .json()
                .path("token")
                .asString();
        String secondToken = api.post("/api/v1/systems/" + second + "/integration-token", tenant.adminToken, Map.of())
                .json()
                .path("token")
                .asString();

        Api.Response sameNumber = api.post("/api/v1/pairing", null, Pairings.withToken(firstToken, "D-1"));
        Api.Response renumbered = api.post("/api/v1/pairing", null, Pairings.withToken(secondToken, "D-3"));

        assertThat(sameNumber.status()).as(sameNumber.toString()).isEqualTo(200);
        assertThat(renumbered.status()).as(renumbered.toString()).isEqualTo(200);
        JsonNode again = api.post(
                        "/api/v1/systems/discovery",
                        tenant.adminToken,
                        Map.of(
                                "systems",
                                List.of(Map.of("systemNumber", "D-2", "name", "Newly found", "type", "S4HANA_CLOUD"))))
                .json();
        assertThat(again.path("created").asInt())
                .as("D-2 was given up when its system paired as D-3")
                .isEqualTo(1);
    }

    @Test
    void customTypeShouldBeRegistrableInItsAccountOnly() {
        Tenant tenant = newTenant();
        Api.Response defined = api.post(
                "/api/v1/system-types",
                tenant.adminToken,
                Map.of("code", "LEGACY_ERP", "displayName", "Legacy ERP", "environments", List.of("KYMA")));

        assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
        tenant.register("Old ERP", "LEGACY_ERP");
        Tenant other = newTenant();
        Api.Response elsewhere =
                api.post("/api/v1/systems", other.adminToken, Map.of("name", "Old ERP", "type", "LEGACY_ERP"));
        assertThat(elsewhere.status()).isEqualTo(400);
    }

    private static String csr() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                        new X500Name("CN=ignored by Mooring"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        java.io.StringWriter pem = new java.io.StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            writer.writeObject(new JcaMiscPEMGenerator(request));
        }
        return pem.toString();
    }
}
