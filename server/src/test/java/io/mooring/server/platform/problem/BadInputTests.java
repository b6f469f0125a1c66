package io.mooring.server.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests get a 4xx problem+json that names the problem, never a stack trace, and write nothing: the
 * account's systems and audit log are the same after them as before.
 */
abstract class BadInputTests extends ServerTest {

    static Stream<Arguments> badRegistrations() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": \"x\",", 400, "malformed-request"),
                Arguments.of("not an object", "[1, 2]", 400, "invalid-input"),
                Arguments.of("empty body", "", 400, "malformed-request"),
                Arguments.of("name of wrong type", "{\"name\": 42, \"type\": \"S4HANA_CLOUD\"}", 400, "invalid-input"),
                Arguments.of(
                        "labels of wrong type",
                        "{\"name\": \"x\", \"type\": \"S4HANA_CLOUD\", \"labels\": [\"a\"]}",
                        400,
                        "invalid-input"),
                Arguments.of(
                        "unknown field",
                        "{\"name\": \"x\", \"type\": \"S4HANA_CLOUD\", \"colour\": \"red\"}",
                        400,
                        "invalid-input"),
                Arguments.of(
                        "non-ASCII name", "{\"name\": \"Système\", \"type\": \"S4HANA_CLOUD\"}", 400, "invalid-input"),
                Arguments.of(
                        "control character in name",
                        "{\"name\": \"a\\u0007b\", \"type\": \"S4HANA_CLOUD\"}",
                        400,
                        "invalid-input"),
                Arguments.of("blank name", "{\"name\": \"   \", \"type\": \"S4HANA_CLOUD\"}", 400, "invalid-input"),
                Arguments.of(
                        "name too long",
                        "{\"name\": \"" + "n".repeat(256) + "\", \"type\": \"S4HANA_CLOUD\"}",
                        400,
                        "invalid-input"),
                Arguments.of("unknown type", "{\"name\": \"x\", \"type\": \"SAP_R3\"}", 400, "invalid-input"),
                Arguments.of("missing type", "{\"name\": \"x\"}", 400, "invalid-input"),
                Arguments.of(
                        "scenario group on a CX type",
                        "{\"name\": \"x\", \"type\": \"COMMERCE_CLOUD\", \"communicationScenarioGroup\": \"G\"}",
                        400,
                        "invalid-input"),
                Arguments.of(
                        "bad label key",
                        "{\"name\": \"x\", \"type\": \"S4HANA_CLOUD\", \"labels\": {\"a b\": \"c\"}}",
                        400,
                        "invalid-input"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegistrations")
    void badRegistrationShouldAnswerProblemAndWriteNothing(String why, String body, int status, String type) {
        Tenant tenant = newTenant();
        Map<String, String> before = state(tenant);

        Api.Response response = api.sendJson("POST", "/api/v1/systems", tenant.adminToken, body);

        assertProblem(response, status, type);
        assertThat(state(tenant)).isEqualTo(before);
    }

    @Test
    void oversizedBodyShouldAnswerContentTooLargeAndWriteNothing() {
        Tenant tenant = newTenant();
        Map<String, String> before = state(tenant);
        String huge =
                "{\"name\": \"big\", \"type\": \"S4HANA_CLOUD\", \"description\": \"" + "x".repeat(2_000_000) + "\"}";

        Api.Response announced = api.sendJson("POST", "/api/v1/systems", tenant.adminToken, huge);
        Api.Response chunked = api.send(api.request("/api/v1/systems", tenant.adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

        assertProblem(announced, 413, "payload-too-large");
        assertProblem(chunked, 413, "payload-too-large");
        assertThat(state(tenant)).isEqualTo(before);
    }

    @Test
    void discoveryWithOneBadEntryShouldImportNothing() {
        Tenant tenant = newTenant();
        Map<String, String> before = state(tenant);

        Api.Response response = api.post(
                "/api/v1/systems/discovery",
                tenant.adminToken,
                Map.of(
                        "systems",
                        List.of(
                                Map.of("systemNumber", "OK-1", "name", "Fine", "type", "COMMERCE_CLOUD"),
                                Map.of("systemNumber", "BAD-1", "name", "Bad", "type", "NO_SUCH_TYPE"))));

        assertProblem(response, 400, "invalid-input");
        assertThat(state(tenant)).isEqualTo(before);
    }

    @Test
    void wrongQueryParameterTypesShouldAnswerProblem() {
        Tenant tenant = newTenant();

        assertProblem(api.get("/api/v1/systems?status=HAPPY", tenant.adminToken), 400, "invalid-input");
        assertProblem(api.get("/api/v1/systems?limit=0", tenant.adminToken), 400, "invalid-input");
        assertProblem(api.get("/api/v1/systems?cursor=bm90LW1pbmU", tenant.adminToken), 400, "invalid-input");
        assertProblem(api.get("/api/v1/systems/not-a-uuid", tenant.adminToken), 400, "invalid-input");
    }

    @Test
    void wrongMethodAndMediaTypeShouldAnswerProblem() {
        Tenant tenant = newTenant();

        assertProblem(api.sendJson("PUT", "/api/v1/systems", tenant.adminToken, "{}"), 405, "method-not-allowed");
        Api.Response xml = api.send(api.request("/api/v1/systems", tenant.adminToken)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<system/>")));
        assertProblem(xml, 415, "unsupported-media-type");
    }

    @Test
    void invalidAccessTokenShouldAnswerUnauthenticatedAndBeAudited() {
        Api.Response response = api.get("/api/v1/systems", "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo("urn:mooring:problem:" + type);
        assertThat(response.json().path("detail").asString()).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Map<String, String> state(Tenant tenant) {
        return Map.of(
                "systems", api.get("/api/v1/systems", tenant.adminToken).text(),
                "audit",
                        api.get("/api/v1/audit-events?outcome=SUCCESS", tenant.adminToken)
                                .text());
    }
}
