package io.mooring.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the server under test: JSON in, status and JSON out, nothing hidden. */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Response get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, @Nullable String token, Object body) {
        return sendJson("POST", path, token, body);
    }

    public Response patch(String path, @Nullable String token, Object body) {
        return sendJson("PATCH", path, token, body);
    }

    public Response put(String path, @Nullable String token, Object body) {
        return sendJson("PUT", path, token, body);
    }

    /** Sends a body as JSON; a String is sent verbatim, so tests can send broken JSON. */
    public Response sendJson(String method, String path, @Nullable String token, Object body) {
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response form(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** The token endpoint's answer to a client_credentials grant with the secret in the form. */
    public Response clientCredentials(String clientId, String clientSecret) {
        return form(
                "/oauth/token",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret),
                Map.of());
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Request to the server under test failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    public HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An answer of the server under test. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String text) {
        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        public String problemType() {
            return json().path("type").asString();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
