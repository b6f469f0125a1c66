package io.mooring.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.testing.Api;
import io.mooring.server.testing.OnH2;
import io.mooring.server.testing.ServerTest;
import io.mooring.server.testing.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Platform operators list and rotate the keys that seal stored secrets; no one else may. */
@OnH2
class SecretKeyRotationOverHttpTest extends ServerTest {
    @Test
    void operatorRotationShouldAnswerANewPrimaryKeepTheOldKeysAndBeAudited() {
        String operator = Tenant.operatorToken(api);
        JsonNode before = api.get("/api/v1/platform/secret-keys", operator).json();

        Api.Response rotated = api.post("/api/v1/platform/secret-keys/rotation", operator, Map.of());

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        long primary = rotated.json().path("primaryKeyId").asLong();
        assertThat(primary).isNotEqualTo(before.path("primaryKeyId").asLong());
        assertThat(ids(rotated.json())).containsAll(ids(before)).contains(primary);
        JsonNode after = api.get("/api/v1/platform/secret-keys", operator).json();
        assertThat(after.path("primaryKeyId").asLong()).isEqualTo(primary);
        assertThat(ids(after)).isEqualTo(ids(rotated.json()));
        assertThat(rotated.json().path("resealed").path("destinations").has("resealed"))
                .isTrue();
        JsonNode events = api.get("/api/v1/audit-events?action=secret-key.rotate&targetId=" + primary, operator)
                .json()
                .path("items");
        assertThat(events).hasSize(1);
    }

    @Test
    void globalAccountAdministratorShouldNotSeeOrRotateSecretKeys() {
        Tenant tenant = newTenant();

        Api.Response rotation = api.post("/api/v1/platform/secret-keys/rotation", tenant.adminToken, Map.of());

        assertThat(rotation.status()).isEqualTo(403);
        assertThat(rotation.problemType()).isEqualTo("urn:mooring:problem:forbidden");
        assertThat(api.get("/api/v1/platform/secret-keys", tenant.adminToken).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/platform/secret-keys/rotation", null, Map.of())
                        .status())
                .isEqualTo(401);
    }

    private static List<Long> ids(JsonNode keys) {
        return keys.path("keyIds").valueStream().map(JsonNode::asLong).toList();
    }
}
