package io.mooring.server.testing;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Pairing requests as an external system sends them. */
public final class Pairings {
    private Pairings() {}

    public static Map<String, Object> of(JsonNode registration, String systemNumber) {
        return withToken(registration.path("integrationToken").path("token").asString(), systemNumber);
    }

    public static Map<String, Object> withToken(String token, String systemNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("token", token);
        body.put("systemNumber", systemNumber);
        body.put("baseUrl", "https://" + systemNumber.toLowerCase(java.util.Locale.ROOT) + ".s4.example.com");
        body.put(
                "notificationUrl",
                "https://" + systemNumber.toLowerCase(java.util.Locale.ROOT) + ".s4.example.com/notify");
        return body;
    }
}
