package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.formation.FormationRequests.StatusReport;
import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.web.PublicUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers one notification to its participant's endpoint: a JSON POST carrying the payload, plus the URL and token
 * with which the participant may report its status later.
 *
 * <p>The participant answers 200 or 204 when it is done (a body {@code {"state": "CONFIG_PENDING"}} or {@code
 * {"state": "ERROR", "error": "..."}} says otherwise), or 202 when it will report later. Other 4xx answers refuse the
 * notification for good, except 408, 425 and 429, which, like 5xx answers, timeouts and connection failures, are
 * tried again. Redirects are not followed: the endpoint is the one the system gave at pairing.
 */
@Component
class NotificationSender {
    private static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final PublicUrl publicUrl;
    private final StatusTokens tokens;
    private final JsonMapper json;

    NotificationSender(MooringProperties properties, PublicUrl publicUrl, StatusTokens tokens, JsonMapper json) {
        this.timeout = properties.notifications().requestTimeout();
        this.publicUrl = requireNonNull(publicUrl, "publicUrl");
        this.tokens = requireNonNull(tokens, "tokens");
        this.json = requireNonNull(json, "json");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Delivers once; an interrupt (the server stopping) is passed on and leaves the attempt unrecorded. */
    DeliveryOutcome deliver(Notification notification) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notification.recipientUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Mooring-Notification-Id", notification.id().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body(notification)))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer;
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            }
            return classify(response.statusCode(), answer);
        } catch (HttpTimeoutException e) {
            return new DeliveryOutcome.Unreachable("No answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new DeliveryOutcome.Unreachable("Could not reach " + notification.recipientUrl() + ": " + e);
        }
    }

    private String body(Notification notification) {
        ObjectNode body = (ObjectNode) json.readTree(notification.payload());
        body.put("statusUrl", publicUrl.url() + "/api/v1/formation-notifications/" + notification.id() + "/status");
        body.put("statusToken", tokens.tokenFor(notification.id()));
        return json.writeValueAsString(body);
    }

    DeliveryOutcome classify(int status, String answer) {
        if (status == 202) {
            return new DeliveryOutcome.Answered(NotificationStatus.AWAITING_STATUS, null);
        }
        if (status == 200 || status == 204) {
            return stated(answer);
        }
        String said = status + (answer.isBlank() ? "" : ": " + abbreviate(answer.strip()));
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new DeliveryOutcome.Unreachable("The participant answered " + said);
        }
        return new DeliveryOutcome.Refused("The participant refused the notification with " + said);
    }

    /** The state a 200 answer's body names; no body, or none that names a state, means done. */
    private DeliveryOutcome stated(String answer) {
        if (answer.isBlank()) {
            return new DeliveryOutcome.Answered(NotificationStatus.DONE, null);
        }
        try {
            JsonNode node = json.readTree(answer);
            String state = node.path("state").asString("READY").toUpperCase(Locale.ROOT);
            String error = node.path("error").isString() ? node.path("error").asString() : null;
            return switch (state) {
                case "CONFIG_PENDING" -> new DeliveryOutcome.Answered(NotificationStatus.AWAITING_STATUS, null);
                case "ERROR", "CREATE_ERROR", "DELETE_ERROR" ->
                    new DeliveryOutcome.Answered(
                            NotificationStatus.FAILED,
                            "The participant reported an error: " + (error == null ? "no reason given" : error));
                default -> new DeliveryOutcome.Answered(NotificationStatus.DONE, null);
            };
        } catch (JacksonException e) {
            return new DeliveryOutcome.Answered(NotificationStatus.DONE, null);
        }
    }

    /** The status a participant's later report names, as a notification status. */
    static NotificationStatus reported(StatusReport report) {
        String state = report.state() == null ? "" : report.state().toUpperCase(Locale.ROOT);
        return switch (state) {
            case "READY" -> NotificationStatus.DONE;
            case "CONFIG_PENDING" -> NotificationStatus.AWAITING_STATUS;
            case "ERROR" -> NotificationStatus.FAILED;
            default ->
                throw io.mooring.server.platform.problem.MooringProblem.invalidInput(
                        "'state' must be READY, CONFIG_PENDING or ERROR.");
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
