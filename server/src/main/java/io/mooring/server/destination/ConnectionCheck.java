package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.connector.LiveConnectors;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.tunnel.ConnectorReport;
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
 * OnPremise destinations are checked as far as Mooring can see them without sending the request: the subaccount's
 * connector for the destination's location must be connected, must expose the URL's virtual host and port, and its
 * last probe of that back end must have succeeded.
 */
@Component
class ConnectionCheck {
    private static final String HEADER_PREFIX = "URL.headers.";

    private final DestinationLookup lookup;
    private final LiveConnectors connectors;
    private final HttpClient http;
    private final Duration timeout;

    ConnectionCheck(DestinationLookup lookup, LiveConnectors connectors, MooringProperties properties) {
        this.lookup = requireNonNull(lookup, "lookup");
        this.connectors = requireNonNull(connectors, "connectors");
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
            return checkOnPremise(destination);
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

    private Result checkOnPremise(StoredDestination destination) {
        Map<String, String> properties = destination.properties();
        String location = properties.getOrDefault("CloudConnectorLocationId", "");
        URI url;
        try {
            url = URI.create(properties.get("URL"));
        } catch (IllegalArgumentException e) {
            return new Result(true, false, null, null, "The URL is not valid: " + e.getMessage());
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String named =
                location.isEmpty() ? "the default connector" : "the connector with location ID '" + location + "'";
        LiveConnectors.Presence presence = connectors
                .presence(destination.owner().subaccountId(), location)
                .orElse(null);
        if (presence == null) {
            return new Result(
                    true,
                    false,
                    null,
                    null,
                    "No tunnel: " + named + " of this subaccount is not "
                            + "connected. Start it, or correct CloudConnectorLocationId.");
        }
        ConnectorReport report = presence.report();
        if (report == null) {
            return new Result(
                    true,
                    false,
                    null,
                    null,
                    named + " is connected but has not reported its virtual hosts yet; "
                            + "check again in a few seconds.");
        }
        boolean exposed = report.virtualHosts().stream()
                .anyMatch(virtual -> virtual.host().equalsIgnoreCase(host) && virtual.port() == port);
        if (!exposed) {
            return new Result(
                    true,
                    false,
                    null,
                    null,
                    named + " is connected but exposes no system as " + host + ":" + port
                            + "; add a system mapping for it in the connector.");
        }
        return report.unreachable().stream()
                .filter(failing -> failing.host().equalsIgnoreCase(host) && failing.port() == port)
                .findFirst()
                .map(failing -> new Result(
                        true,
                        false,
                        null,
                        null,
                        named + " exposes " + host + ":" + port + " but cannot reach its back end: "
                                + failing.reason()))
                .orElseGet(() -> new Result(
                        true,
                        true,
                        null,
                        null,
                        named + " is connected and exposes " + host + ":" + port
                                + "; its back end answered the connector's last probe."));
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
