package io.mooring.connector.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.connector.config.AuditLevel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP: authentication, errors, status, pairing, audit and the principal CA. */
class AdminServerTest {
    @TempDir
    Path dataDir;

    private AdminApi api;

    @BeforeEach
    void start() {
        api = AdminApi.start(dataDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void callWithoutTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response =
                api.client().send(HttpRequest.newBuilder(api.uri("/status")).build(), BodyHandlers.ofString());

        api.assertProblem(response, 401, "urn:mooring:problem:unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(api.actions().statusCalls).isZero();
    }

    @Test
    void callWithWrongTokenIsUnauthorizedEvenForUnknownPaths() throws Exception {
        HttpResponse<String> response = api.client()
                .send(
                        HttpRequest.newBuilder(api.uri("/nothing-here"))
                                .header("Authorization", "Bearer " + api.token() + "x")
                                .build(),
                        BodyHandlers.ofString());

        api.assertProblem(response, 401, "urn:mooring:problem:unauthenticated");
    }

    @Test
    void statusComesFromTheActions() throws Exception {
        HttpResponse<String> response = api.send("GET", "/status", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(api.json(response)).isEqualTo(Map.of("paired", false));
    }

    @Test
    void wrongMethodIsNotAllowedAndSaysWhichAre() throws Exception {
        HttpResponse<String> response = api.send("DELETE", "/mappings", null);

        api.assertProblem(response, 405, "urn:mooring:problem:method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, PUT, POST");
        api.assertProblem(api.send("POST", "/status", "{}"), 405, "urn:mooring:problem:method-not-allowed");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        api.assertProblem(api.send("GET", "/nothing-here", null), 404, "urn:mooring:problem:not-found");
    }

    @Test
    void auditLevelIsReadAndChangedAndTheChangeIsAudited() throws Exception {
        assertThat(api.json(api.send("GET", "/audit-level", null))).isEqualTo(Map.of("level", "SECURITY"));

        HttpResponse<String> changed = api.send("PUT", "/audit-level", "{\"level\": \"ALL\"}");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(api.store().current().auditLevel()).isEqualTo(AuditLevel.ALL);
        List<Map<String, Object>> entries = api.jsonList(api.send("GET", "/audit?limit=1", null));
        assertThat(entries)
                .singleElement()
                .satisfies(entry -> assertThat(entry)
                        .containsEntry("event", "CONFIGURATION_CHANGED")
                        .containsEntry("change", "Audit level set to ALL (was SECURITY)"));
    }

    @Test
    void switchingAuditOffIsTheLastEntry() throws Exception {
        api.send("PUT", "/audit-level", "{\"level\": \"OFF\"}");
        api.send("POST", "/mappings", AdminApi.ERP);

        assertThat(api.audit().recent(10))
                .extracting(entry -> entry.get("change"))
                .containsExactly("Audit level set to OFF (was SECURITY)");
    }

    @Test
    void invalidAuditLevelNamesTheValidOnes() throws Exception {
        HttpResponse<String> response = api.send("PUT", "/audit-level", "{\"level\": \"LOUD\"}");

        api.assertProblem(response, 400, "urn:mooring:problem:malformed-request");
        assertThat(api.json(response).get("detail").toString()).contains("use one of SECURITY, ALL, OFF");
        api.assertProblem(api.send("PUT", "/audit-level", "{}"), 400, "urn:mooring:problem:invalid-input");
    }

    @Test
    void auditLimitMustBeInRange() throws Exception {
        api.assertProblem(api.send("GET", "/audit?limit=0", null), 400, "urn:mooring:problem:invalid-input");
        api.assertProblem(api.send("GET", "/audit?limit=lots", null), 400, "urn:mooring:problem:invalid-input");
        assertThat(api.send("GET", "/audit", null).statusCode()).isEqualTo(200);
    }

    @Test
    void pairingCallsTheActionsAndIsAudited() throws Exception {
        HttpResponse<String> response =
                api.send("POST", "/pairing", "{\"url\": \"https://mooring.example.com\", \"token\": \"one-time\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response)).isEqualTo(Map.of("paired", true));
        assertThat(api.actions().pairedWith).isEqualTo("https://mooring.example.com one-time");
        assertThat(api.audit().recent(1))
                .singleElement()
                .satisfies(entry -> assertThat(entry)
                        .containsEntry("change", "Paired with Mooring at https://mooring.example.com"));
    }

    @Test
    void refusedPairingKeepsItsStatusAndDetail() throws Exception {
        String body = "{\"url\": \"https://mooring.example.com\", \"token\": \"one-time\"}";
        api.send("POST", "/pairing", body);

        HttpResponse<String> response = api.send("POST", "/pairing", body);

        api.assertProblem(response, 409, "urn:mooring:problem:invalid-state");
        assertThat(api.json(response)).containsEntry("detail", "The connector is paired already.");
    }

    @Test
    void pairingNeedsUrlAndToken() throws Exception {
        api.assertProblem(
                api.send("POST", "/pairing", "{\"url\": \"https://mooring.example.com\"}"),
                400,
                "urn:mooring:problem:invalid-input");
        api.assertProblem(
                api.send("POST", "/pairing", "{\"url\": \"mooring.example.com\", \"token\": \"t\"}"),
                400,
                "urn:mooring:problem:invalid-input");
        assertThat(api.actions().pairedWith).isNull();
    }

    @Test
    void principalCaIsPem() throws Exception {
        HttpResponse<String> response = api.send("GET", "/principal-ca", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
        assertThat(response.body()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(api.port()).isPositive();
    }
}
