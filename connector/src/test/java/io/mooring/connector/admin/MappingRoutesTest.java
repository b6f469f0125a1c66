package io.mooring.connector.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /mappings} over real HTTP: changes apply to the configuration at once, and are audited. */
class MappingRoutesTest {
    private static final String ERP = AdminApi.ERP;

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
    void mappingIsCreatedReadReplacedAndDeleted() throws Exception {
        HttpResponse<String> created = api.send("POST", "/mappings", ERP);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/mappings/erp.internal:44300");
        assertThat(api.allowed("/sap/opu/odata/x")).isTrue();

        HttpResponse<String> read = api.send("GET", "/mappings/ERP.internal:44300", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(api.json(read))
                .containsEntry("virtualHost", "erp.internal")
                .containsEntry("hostHeader", "VIRTUAL")
                .doesNotContainKey("key");

        HttpResponse<String> replaced =
                api.send("PUT", "/mappings/erp.internal:44300", ERP.replace("/sap/opu/odata", "/other"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(api.allowed("/sap/opu/odata/x")).isFalse();
        assertThat(api.allowed("/other")).isTrue();

        HttpResponse<String> deleted = api.send("DELETE", "/mappings/erp.internal:44300", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.store().current().mappings()).isEmpty();
        assertThat(api.send("GET", "/mappings/erp.internal:44300", null).statusCode())
                .isEqualTo(404);

        assertThat(api.audit().recent(10))
                .extracting(entry -> entry.get("change"))
                .containsExactly(
                        "System mapping erp.internal:44300 deleted",
                        "System mapping erp.internal:44300 replaced",
                        "System mapping erp.internal:44300 created");
    }

    @Test
    void putOfUnknownMappingCreatesIt() throws Exception {
        HttpResponse<String> response = api.send("PUT", "/mappings/erp.internal:44300", ERP);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(api.store().current().mappings()).hasSize(1);
    }

    @Test
    void postOfExistingMappingIsAConflict() throws Exception {
        api.send("POST", "/mappings", ERP);

        HttpResponse<String> response = api.send("POST", "/mappings", ERP);

        api.assertProblem(response, 409, "urn:mooring:problem:conflict");
        assertThat(api.json(response).get("detail").toString()).contains("PUT /mappings/erp.internal:44300");
        assertThat(api.store().current().mappings()).hasSize(1);
    }

    @Test
    void putOfAllMappingsReplacesThem() throws Exception {
        api.send("POST", "/mappings", ERP);
        String database = """
                {"virtualHost": "db.internal", "virtualPort": 5432, "internalHost": "10.0.0.6", "internalPort": 5432,
                 "protocol": "TCP"}
                """;

        HttpResponse<String> response = api.send("PUT", "/mappings", "[" + database + "]");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.store().current().mappings())
                .extracting(mapping -> mapping.key())
                .containsExactly("db.internal:5432");
        assertThat(api.jsonList(api.send("GET", "/mappings", null))).hasSize(1);
    }

    @Test
    void putOfAllMappingsWithDuplicatesIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> response = api.send("PUT", "/mappings", "[" + ERP + "," + ERP + "]");

        api.assertProblem(response, 400, "urn:mooring:problem:invalid-input");
        assertThat(api.json(response).get("detail").toString()).contains("erp.internal:44300");
        assertThat(api.store().current().mappings()).isEmpty();
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhatToSend() throws Exception {
        HttpResponse<String> response = api.send("POST", "/mappings", "{\"virtualHost\": ");

        api.assertProblem(response, 400, "urn:mooring:problem:malformed-request");
        assertThat(api.json(response).get("detail").toString())
                .startsWith("The body is not valid")
                .contains("Send a body such as {\"virtualHost\"");
    }

    @Test
    void missingBodyIsABadRequest() throws Exception {
        api.assertProblem(api.send("POST", "/mappings", null), 400, "urn:mooring:problem:malformed-request");
    }

    @Test
    void unknownFieldIsNamed() throws Exception {
        HttpResponse<String> response = api.send("POST", "/mappings", ERP.replace("\"subPaths\"", "\"subpaths\""));

        api.assertProblem(response, 400, "urn:mooring:problem:malformed-request");
        assertThat(api.json(response).get("detail").toString())
                .contains("resources[0]: unknown field 'subpaths'")
                .contains("known fields: active, description, path, subPaths, websocketUpgrade");
    }

    @Test
    void invalidMappingSaysWhatIsWrong() throws Exception {
        HttpResponse<String> response = api.send("POST", "/mappings", ERP.replace("44300", "0"));

        api.assertProblem(response, 400, "urn:mooring:problem:malformed-request");
        assertThat(api.json(response).get("detail").toString())
                .contains("virtualPort must be between 1 and 65535, was 0");
    }

    @Test
    void putWithAnotherKeyThanTheUrlIsRefused() throws Exception {
        HttpResponse<String> response = api.send("PUT", "/mappings/other.internal:1", ERP);

        api.assertProblem(response, 400, "urn:mooring:problem:invalid-input");
        assertThat(api.store().current().mappings()).isEmpty();
    }

    @Test
    void malformedMappingKeyIsABadRequest() throws Exception {
        api.assertProblem(api.send("GET", "/mappings/erp.internal", null), 400, "urn:mooring:problem:invalid-input");
        api.assertProblem(
                api.send("GET", "/mappings/erp.internal:http", null), 400, "urn:mooring:problem:invalid-input");
    }

    @Test
    void deleteOfUnknownMappingIsNotFound() throws Exception {
        api.assertProblem(
                api.send("DELETE", "/mappings/erp.internal:44300", null), 404, "urn:mooring:problem:not-found");
    }
}
