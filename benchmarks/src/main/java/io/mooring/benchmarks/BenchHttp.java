package io.mooring.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the benchmark drivers share to set up their data over Mooring's API: checked requests, loopback only. */
final class BenchHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchHttp() {}

    /** Sends a request with a bearer token and an optional JSON body; stops the driver unless {@code status} came. */
    static JsonNode send(HttpClient http, String method, URI uri, String bearer, String json, int status)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            fail(method + " " + uri + " answered " + response.statusCode() + " instead of " + status + ": "
                    + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** The URL as a URI, refused unless it names a loopback host: load goes nowhere else. */
    static URI loopback(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || !uri.getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost")) {
            throw new IllegalArgumentException("Benchmarks target loopback only, not " + url);
        }
        return uri;
    }

    static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            fail(message);
        }
    }

    /** Stops the driver with a message naming it. */
    static void fail(String message) {
        Class<?> driver = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type != BenchHttp.class)
                        .findFirst()
                        .orElse(BenchHttp.class));
        System.err.println(driver.getSimpleName() + ": " + message);
        System.exit(1);
    }
}
