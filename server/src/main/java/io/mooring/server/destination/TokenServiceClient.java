package io.mooring.server.destination;

import io.mooring.server.platform.config.MooringProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a destination's token service for a token, as SAP's Destination service does: client credentials in the
 * form body (or {@code tokenServiceUser}/{@code tokenServicePassword} as HTTP Basic when given), plus the
 * destination's {@code scope} and any {@code tokenService.body.*} and {@code tokenService.headers.*} properties.
 */
@Component
class TokenServiceClient {
    private static final String BODY_PREFIX = "tokenService.body.";
    private static final String HEADER_PREFIX = "tokenService.headers.";
    private static final int MAX_ERROR_BODY = 300;

    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json;

    TokenServiceClient(MooringProperties properties, JsonMapper json) {
        this.timeout = properties.destinations().tokenRequestTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.json = json;
    }

    /** A token for the grant, or a {@link TokenServiceException} saying in plain words why there is none. */
    FetchedToken fetch(Map<String, String> destination, Map<String, String> grant) {
        String url = destination.get("tokenServiceURL");
        Map<String, String> form = new LinkedHashMap<>(grant);
        String user = destination.get("tokenServiceUser");
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new TokenServiceException("tokenServiceURL '" + url + "' is not a valid URL");
        }
        if (user != null) {
            String basic = user + ":" + destination.getOrDefault("tokenServicePassword", "");
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", destination.get("clientId"));
            form.put("client_secret", destination.get("clientSecret"));
        }
        if (destination.containsKey("scope")) {
            form.put("scope", destination.get("scope"));
        }
        destination.forEach((key, value) -> {
            if (key.startsWith(BODY_PREFIX)) {
                form.put(key.substring(BODY_PREFIX.length()), value);
            } else if (key.startsWith(HEADER_PREFIX)) {
                request.header(key.substring(HEADER_PREFIX.length()), value);
            }
        });
        request.header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenServiceException("the token service at " + url + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenServiceException("interrupted while asking the token service at " + url);
        }
        if (response.statusCode() != 200) {
            throw new TokenServiceException("the token service at " + url + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return parse(url, response.body());
    }

    private FetchedToken parse(String url, String body) {
        try {
            JsonNode node = json.readTree(body);
            String accessToken = node.path("access_token").asString("");
            if (accessToken.isEmpty()) {
                throw new TokenServiceException("the token service at " + url + " answered without access_token");
            }
            long expiresIn = node.path("expires_in").asLong(0);
            return new FetchedToken(accessToken, expiresIn);
        } catch (JacksonException e) {
            throw new TokenServiceException(
                    "the token service at " + url + " answered with something not JSON: " + abbreviate(body));
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_ERROR_BODY ? flat : flat.substring(0, MAX_ERROR_BODY) + "...";
    }

    /** A token as the token service gave it; {@code expiresIn} is 0 when it did not say. */
    record FetchedToken(String accessToken, long expiresIn) {}

    /** Why a token service gave no token, in words that go into {@code authTokens[].error}. */
    static final class TokenServiceException extends RuntimeException {
        TokenServiceException(String message) {
            super(message, null, false, false);
        }
    }
}
