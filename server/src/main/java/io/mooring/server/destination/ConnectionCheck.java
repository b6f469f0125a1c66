package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * "Check connection": requests an Internet destination's URL with its authentication (headers, queries and tokens
 * as an application would send them) and tells whether an HTTP answer came, its status and how long it took.
 * OnPremise destinations are reached through the connectivity proxy, which this server does not run yet; they are
 * reported as not checked rather than guessed at.
 */
@Component
class ConnectionCheck {
    private static final String HEADER_PREFIX = "URL.headers.";

    private final DestinationLookup lookup;
    private final HttpClient http;
    private final Duration timeout;

    ConnectionCheck(DestinationLookup lookup, MooringProperties properties) {
        this.lookup = requireNonNull(lookup, "lookup");
        this.timeout = properties.destinations().checkTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Result check(StoredDestination destination) {
        Map<String, String> properties = destination.properties();
        if (!"HTTP".equals(properties.get("Type"))) {
            return Result.notChecked("Only HTTP destinations can be checked.");
        }
        if ("OnPremise".equals(properties.get("ProxyType"))) {
            return Result.notChecked("OnPremise destinations are checked through the connectivity proxy and the "
                    + "connector, which this Mooring server does not run yet.");
        }
        String authentication = properties.getOrDefault(AuthenticationType.PROPERTY, "NoAuthentication");
        if (authentication.equals(AuthenticationType.CLIENT_CERTIFICATE_AUTHENTICATION.value())) {
            return Result.notChecked("Checking with a client certificate is not supported yet; the SAP Cloud SDK "
                    + "reads the certificate from 'find destination'.");
        }
        List<AuthToken> tokens = lookup.tokens(destination);
        for (AuthToken token : tokens) {
            if (token.failed()) {
                return new Result(true, false, null, null, token.error());
            }
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(properties.get("URL")))
                    .timeout(timeout)
                    .GET();
        } catch (IllegalArgumentException e) {
            return new Result(true, false, null, null, "The URL is not valid: " + e.getMessage());
        }
        properties.forEach((key, value) -> {
            if (key.startsWith(HEADER_PREFIX)) {
                request.header(key.substring(HEADER_PREFIX.length()), value);
            }
        });
        tokens.forEach(token -> request.header("Authorization", token.headerValue()));
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            return new Result(
                    true,
                    true,
                    response.statusCode(),
                    millis,
                    response.statusCode() < 400
                            ? "The destination answered."
                            : "The destination answered with an error status; check its URL and authentication.");
        } catch (IOException e) {
            return new Result(true, false, null, null, "No answer from " + properties.get("URL") + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(true, false, null, null, "Interrupted while checking.");
        }
    }

    /** What a check found; {@code checked} is false when the destination could not be tried at all. */
    record Result(
            boolean checked,
            boolean reachable,
            @Nullable Integer statusCode,
            @Nullable Long latencyMillis,
            @Nullable String message) {
        static Result notChecked(String message) {
            return new Result(false, false, null, null, message);
        }
    }
}
