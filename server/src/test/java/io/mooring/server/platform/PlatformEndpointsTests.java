package io.mooring.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Health probes, metrics and the API description are served and need no token. */
abstract class PlatformEndpointsTests extends ServerTest {
    @Test
    void healthProbesShouldAnswerUp() {
        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Response response = api.get(probe, null);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().path("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void prometheusShouldExposeHttpAndJvmMetrics() {
        api.get("/api/v1/systems", null);

        String metrics = api.get("/actuator/prometheus", null).text();

        assertThat(metrics).contains("http_server_requests_seconds").contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiShouldDescribeTheManagementApiAndSwaggerUiShouldBeServed() {
        JsonNode document = api.get("/v3/api-docs", null).json();

        assertThat(document.path("paths").has("/api/v1/systems")).isTrue();
        assertThat(document.path("paths").has("/api/v1/pairing")).isTrue();
        assertThat(document.path("paths").has("/oauth/token")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
