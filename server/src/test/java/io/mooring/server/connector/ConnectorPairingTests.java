package io.mooring.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.pki.PemCodec;
import io.mooring.server.testing.Api;
import io.mooring.server.testing.ForeignCertificates;
import io.mooring.server.testing.Tenant;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Pairing and renewal as a connector does them, and the tunnel endpoint's view of the certificates they yield.
 * Each CSR comes from a key made in the test, as a connector makes it.
 */
abstract class ConnectorPairingTests extends ConnectorServerTest {
    private static final String PAIRING = "/api/v1/connector-pairing";
    private static final String RENEWAL = "/api/v1/connector-certificates/renewal";

    @Autowired
    private ConnectorIdentities identities;

    @Autowired
    private ConnectorTrust trust;

    @Autowired
    private ConnectorTunnelAddress tunnel;

    @Test
    void pairShouldIssueClientCertificateOfTheConnectorsCaNamingTheRegistration() throws Exception {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        JsonNode registration = register(tenant, subaccount, "plant-1");
        String id = registration.path("id").asString();
        KeyPair key = ConnectorKeys.newKey();

        Api.Response paired = pair(registration.path("token").asString(), key);

        assertThat(paired.status()).as(paired.toString()).isEqualTo(201);
        JsonNode body = paired.json();
        assertThat(body.path("connectorId").asString()).isEqualTo(id);
        assertThat(body.path("subaccountId").asString()).isEqualTo(subaccount);
        assertThat(body.path("locationId").asString()).isEqualTo("plant-1");
        assertThat(body.path("tunnelHost").asString()).isEqualTo(tunnel.host());
        assertThat(body.path("tunnelPort").asInt()).isEqualTo(tunnel.port());
        X509Certificate certificate =
                PemCodec.readCertificate(body.path("certificate").asString());
        X509Certificate ca = PemCodec.readCertificate(body.path("caCertificate").asString());
        assertThat(ca).isEqualTo(trust.caCertificate());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Mooring Connectors CA");
        certificate.verify(ca.getPublicKey());
        assertThat(certificate.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("CN=plant-1,OU=" + subaccount + ",O=Mooring Connectors");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(6, "mooring:connector:" + id));
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        Instant expiresAt = Instant.parse(body.path("certificateExpiresAt").asString());
        assertThat(expiresAt).isEqualTo(certificate.getNotAfter().toInstant());
        // Certificates are dated by the real clock (TLS checks them against it), not by the tests' shifted one.
        assertThat(Duration.between(Instant.now(), expiresAt))
                .isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));
        JsonNode view =
                api.get(connectors(subaccount) + "/" + id, tenant.adminToken).json();
        assertThat(view.path("status").asString()).isEqualTo("DISCONNECTED");
        assertThat(view.path("tokenUsed").asBoolean()).isTrue();
        assertThat(view.path("certificate").path("serial").asString())
                .isEqualTo(certificate.getSerialNumber().toString(16));
        assertThat(view.path("certificate").path("expiresAt").asString()).isEqualTo(expiresAt.toString());
        assertThat(view.path("live").path("connected").asBoolean()).isFalse();
    }

    @Test
    void pairTheDefaultConnectorShouldNameItDefault() throws Exception {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        JsonNode registration = register(tenant, subaccount, "");

        JsonNode paired = pair(registration.path("token").asString(), ConnectorKeys.newKey())
                .json();

        assertThat(paired.path("locationId").asString()).isEmpty();
        assertThat(PemCodec.readCertificate(paired.path("certificate").asString())
                        .getSubjectX500Principal()
                        .getName())
                .startsWith("CN=default,");
    }

    @Test
    void pairWithUsedTokenShouldAnswer409AndKeepTheFirstCertificate() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        JsonNode registration = register(tenant, subaccount, "once");
        String token = registration.path("token").asString();
        X509Certificate first = certificate(pair(token, ConnectorKeys.newKey()));

        Api.Response second = pair(token, ConnectorKeys.newKey());

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(second.problemType()).isEqualTo("urn:mooring:problem:integration-token-used");
        assertThat(api.get(
                                connectors(subaccount) + "/"
                                        + registration.path("id").asString(),
                                tenant.adminToken)
                        .json()
                        .path("certificate")
                        .path("serial")
                        .asString())
                .isEqualTo(first.getSerialNumber().toString(16));
    }

    @Test
    void pairAfterTheTokensValidityShouldAnswer410() {
        Tenant tenant = newTenant();
        JsonNode registration = register(tenant, subaccount(tenant), "late");
        clock().advance(Duration.ofMinutes(10));

        Api.Response paired = pair(registration.path("token").asString(), ConnectorKeys.newKey());

        assertThat(paired.status()).isEqualTo(410);
        assertThat(paired.problemType()).isEqualTo("urn:mooring:problem:integration-token-expired");
    }

    @Test
    void pairWithUnknownOrMalformedTokenOrBadCsrShouldSayWhich() {
        Tenant tenant = newTenant();
        String token = register(tenant, subaccount(tenant), "x").path("token").asString();
        String csr = ConnectorKeys.csrPem(ConnectorKeys.newKey());

        Api.Response unknown = api.post(PAIRING, null, Map.of("token", "mct_" + "A".repeat(43), "csr", csr));
        Api.Response systemToken = api.post(PAIRING, null, Map.of("token", "mit_" + "A".repeat(43), "csr", csr));
        Api.Response noCsr = api.post(PAIRING, null, Map.of("token", token));
        Api.Response badCsr = api.post(PAIRING, null, Map.of("token", token, "csr", "not a csr"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("urn:mooring:problem:integration-token-unknown");
        assertThat(systemToken.status()).isEqualTo(400);
        assertThat(systemToken.problemType()).isEqualTo("urn:mooring:problem:integration-token-malformed");
        assertThat(noCsr.status()).isEqualTo(400);
        assertThat(noCsr.json().path("detail").asString()).contains("'csr'");
        assertThat(badCsr.status()).isEqualTo(400);
        assertThat(badCsr.problemType()).isEqualTo("urn:mooring:problem:invalid-csr");
        assertThat(List.of(unknown, systemToken, noCsr, badCsr))
                .allSatisfy(r -> assertThat(r.header("Content-Type")).startsWith("application/problem+json"));
        assertThat(pair(token, ConnectorKeys.newKey()).status())
                .as("refused attempts leave the token usable")
                .isEqualTo(201);
    }

    @Test
    void newTokenShouldReplaceTheOldOneAndRepairingSupersedeTheOldCertificate() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        JsonNode registration = register(tenant, subaccount, "lost-machine");
        String id = registration.path("id").asString();
        KeyPair oldKey = ConnectorKeys.newKey();
        X509Certificate old = certificate(pair(registration.path("token").asString(), oldKey));

        Api.Response issued = api.post(connectors(subaccount) + "/" + id + "/token", tenant.adminToken, Map.of());

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.json().path("id").asString()).isEqualTo(id);
        assertThat(issued.json().path("tokenUsed").asBoolean()).isFalse();
        String fresh = issued.json().path("token").asString();
        assertThat(fresh)
                .startsWith("mct_")
                .isNotEqualTo(registration.path("token").asString());
        assertThat(identities.identify(old))
                .as("a new token alone revokes nothing")
                .isPresent();
        assertThat(pair(registration.path("token").asString(), ConnectorKeys.newKey())
                        .status())
                .isEqualTo(404);
        KeyPair newKey = ConnectorKeys.newKey();
        X509Certificate current = certificate(pair(fresh, newKey));
        assertThat(identities.identify(current)).isPresent();
        assertThat(identities.identify(old))
                .as("superseded, but valid until it expires")
                .isPresent();
        Api.Response renewOld = renew(old, oldKey, ConnectorKeys.csrPem(ConnectorKeys.newKey()));
        assertThat(renewOld.status())
                .as("a superseded certificate cannot renew")
                .isEqualTo(401);
        assertThat(renewOld.json().path("detail").asString()).contains("already renewed or replaced");
    }

    @Test
    void renewWithValidSignatureShouldIssueNewCertificateAndSupersedeTheCurrentOne() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        JsonNode registration = register(tenant, subaccount, "renewing");
        KeyPair key = ConnectorKeys.newKey();
        X509Certificate current = certificate(pair(registration.path("token").asString(), key));
        KeyPair next = ConnectorKeys.newKey();
        String csr = ConnectorKeys.csrPem(next);

        Api.Response renewed = renew(current, key, csr);

        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        JsonNode body = renewed.json();
        X509Certificate fresh =
                PemCodec.readCertificate(body.path("certificate").asString());
        assertThat(fresh.getPublicKey()).isEqualTo(next.getPublic());
        assertThat(fresh.getSerialNumber()).isNotEqualTo(current.getSerialNumber());
        assertThat(fresh.getSubjectX500Principal()).isEqualTo(current.getSubjectX500Principal());
        assertThat(body.path("connectorId").asString())
                .isEqualTo(registration.path("id").asString());
        assertThat(body.path("caCertificate").asString()).isEqualTo(PemCodec.certificatePem(trust.caCertificate()));
        assertThat(body.path("tunnelPort").asInt()).isEqualTo(tunnel.port());
        assertThat(api.get(
                                connectors(subaccount) + "/"
                                        + registration.path("id").asString(),
                                tenant.adminToken)
                        .json()
                        .path("certificate")
                        .path("serial")
                        .asString())
                .isEqualTo(fresh.getSerialNumber().toString(16));
        assertThat(identities.identify(fresh)).isPresent();
        assertThat(identities.identify(current)).as("the live tunnel stays up").isPresent();
        Api.Response again = renew(current, key, ConnectorKeys.csrPem(ConnectorKeys.newKey()));
        assertThat(again.status()).as("a superseded certificate cannot renew").isEqualTo(401);
        assertThat(again.problemType()).isEqualTo("urn:mooring:problem:invalid-credentials");
        assertThat(renew(fresh, next, ConnectorKeys.csrPem(ConnectorKeys.newKey()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void renewWithSignatureByAnotherKeyOrOverAnotherCsrShouldAnswer401() {
        Tenant tenant = newTenant();
        JsonNode registration = register(tenant, subaccount(tenant), "forger");
        KeyPair key = ConnectorKeys.newKey();
        X509Certificate current = certificate(pair(registration.path("token").asString(), key));
        String csr = ConnectorKeys.csrPem(ConnectorKeys.newKey());
        String otherCsr = ConnectorKeys.csrPem(ConnectorKeys.newKey());

        Api.Response wrongKey = renew(current, ConnectorKeys.newKey(), csr);
        Api.Response wrongCsr = api.post(
                RENEWAL,
                null,
                Map.of(
                        "certificate",
                        PemCodec.certificatePem(current),
                        "csr",
                        csr,
                        "signature",
                        ConnectorKeys.renewalSignature(key.getPrivate(), otherCsr)));
        Api.Response garbage = api.post(
                RENEWAL,
                null,
                Map.of("certificate", PemCodec.certificatePem(current), "csr", csr, "signature", "AAAA"));

        assertThat(List.of(wrongKey, wrongCsr, garbage)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.problemType()).isEqualTo("urn:mooring:problem:invalid-credentials");
        });
        assertThat(renew(current, key, csr).status())
                .as("refusals supersede nothing")
                .isEqualTo(200);
    }

    @Test
    void renewWithCertificateMooringDidNotIssueShouldAnswer401() throws Exception {
        KeyPair key = ConnectorKeys.newKey();
        X509Certificate foreign = ForeignCertificates.selfSigned(key, java.math.BigInteger.valueOf(42));

        Api.Response renewed = renew(foreign, key, ConnectorKeys.csrPem(ConnectorKeys.newKey()));

        assertThat(renewed.status()).isEqualTo(401);
        assertThat(renewed.problemType()).isEqualTo("urn:mooring:problem:invalid-credentials");
        assertThat(identities.identify(foreign)).isEmpty();
    }

    @Test
    void certificateWithTheSerialOfAnIssuedOneButOtherBytesShouldNeitherRenewNorIdentify() throws Exception {
        Tenant tenant = newTenant();
        JsonNode registration = register(tenant, subaccount(tenant), "copied-serial");
        X509Certificate issued = certificate(pair(registration.path("token").asString(), ConnectorKeys.newKey()));
        KeyPair forger = ConnectorKeys.newKey();
        X509Certificate forged = ForeignCertificates.selfSigned(forger, issued.getSerialNumber());

        Api.Response renewed = renew(forged, forger, ConnectorKeys.csrPem(ConnectorKeys.newKey()));

        assertThat(renewed.status()).isEqualTo(401);
        assertThat(identities.identify(forged)).isEmpty();
        assertThat(identities.identify(issued)).isPresent();
    }

    @Test
    void renewWithMalformedInputShouldAnswer400() {
        Api.Response noCertificate = api.post(RENEWAL, null, Map.of("csr", "x", "signature", "AAAA"));
        Api.Response notPem = api.post(RENEWAL, null, Map.of("certificate", "nope", "csr", "x", "signature", "AAAA"));

        assertThat(noCertificate.status()).isEqualTo(400);
        assertThat(noCertificate.json().path("detail").asString()).contains("'certificate'");
        assertThat(notPem.status()).isEqualTo(400);
        assertThat(notPem.problemType()).isEqualTo("urn:mooring:problem:invalid-input");
    }

    @Test
    void identifyShouldNameTheConnectorUntilItsRegistrationIsDeleted() {
        Tenant tenant = newTenant();
        String subaccount = subaccount(tenant);
        JsonNode registration = register(tenant, subaccount, "identified");
        String id = registration.path("id").asString();
        KeyPair key = ConnectorKeys.newKey();
        X509Certificate certificate =
                certificate(pair(registration.path("token").asString(), key));

        assertThat(identities.identify(certificate))
                .hasValue(new ConnectorIdentity(
                        java.util.UUID.fromString(id), java.util.UUID.fromString(subaccount), "identified"));

        assertThat(api.delete(connectors(subaccount) + "/" + id, tenant.adminToken)
                        .status())
                .isEqualTo(204);

        assertThat(identities.identify(certificate)).isEmpty();
        assertThat(renew(certificate, key, ConnectorKeys.csrPem(ConnectorKeys.newKey()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void tunnelServerIdentityShouldBeAServerCertificateOfTheConnectorsCaForTheHosts() throws Exception {
        ConnectorTrust.ServerIdentity identity = trust.tunnelServerIdentity(List.of("tunnel.example.com", "10.1.2.3"));

        X509Certificate leaf = identity.chain().getFirst();
        assertThat(identity.chain()).hasSize(2).last().isEqualTo(trust.caCertificate());
        leaf.verify(trust.caCertificate().getPublicKey());
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=tunnel.example.com,O=Mooring Connectors");
        assertThat(leaf.getNotAfter()).isBeforeOrEqualTo(trust.caCertificate().getNotAfter());
        assertThat(leaf.getSubjectAlternativeNames())
                .containsExactly(
                        List.of(2, "tunnel.example.com"),
                        List.of(7, "10.1.2.3"),
                        List.of(2, "localhost"),
                        List.of(7, "127.0.0.1"));
        assertThat(identity.key().getAlgorithm()).isEqualTo("EC");
        assertThat(identity.toString()).contains("<redacted>");
        assertThat(identities.identify(leaf))
                .as("a server certificate opens no tunnel")
                .isEmpty();
    }

    private Api.Response renew(X509Certificate current, KeyPair signer, String csr) {
        return api.post(
                RENEWAL,
                null,
                Map.of(
                        "certificate",
                        PemCodec.certificatePem(current),
                        "csr",
                        csr,
                        "signature",
                        ConnectorKeys.renewalSignature(signer.getPrivate(), csr)));
    }

    private static X509Certificate certificate(Api.Response paired) {
        assertThat(paired.status()).as(paired.toString()).isEqualTo(201);
        return PemCodec.readCertificate(paired.json().path("certificate").asString());
    }
}
