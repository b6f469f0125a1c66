package io.mooring.connector.admin;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * An error answer of the admin API, written as RFC 9457 problem details with a stable type URI and a detail that
 * says what to do.
 */
final class ApiProblem extends RuntimeException {
    private static final Logger LOG = System.getLogger(ApiProblem.class.getName());
    private static final String TYPE_PREFIX = "urn:mooring:problem:";

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, String> headers;

    private ApiProblem(int status, String slug, String title, String detail, Map<String, String> headers) {
        super(requireNonNull(detail, "detail"), null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    static ApiProblem invalidInput(String detail) {
        return new ApiProblem(400, "invalid-input", "Invalid input", detail, Map.of());
    }

    static ApiProblem malformedRequest(String detail) {
        return new ApiProblem(400, "malformed-request", "Malformed request", detail, Map.of());
    }

    static ApiProblem unauthenticated() {
        return new ApiProblem(
                401,
                "unauthenticated",
                "Authentication required",
                "Send 'Authorization: Bearer <token>' with the content of the file admin-token in the connector's"
                        + " data folder.",
                Map.of("WWW-Authenticate", "Bearer"));
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "Not found", detail, Map.of());
    }

    static ApiProblem methodNotAllowed(String path, String allowed) {
        return new ApiProblem(
                405,
                "method-not-allowed",
                "Method not allowed",
                path + " takes " + allowed + ".",
                Map.of("Allow", allowed));
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", "Conflict", detail, Map.of());
    }

    /** The problem for a failure of a route: its own problem, a refusal, invalid input, or an internal error. */
    static ApiProblem from(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case ApiProblem problem -> problem;
            case AdminActions.Refused refused -> ofStatus(refused.status(), refused.detail());
            case IllegalArgumentException invalid -> invalidInput(String.valueOf(invalid.getMessage()));
            case UncheckedIOException io -> {
                LOG.log(Level.ERROR, "The admin API could not save a change", io);
                yield new ApiProblem(
                        500,
                        "internal-error",
                        "Internal error",
                        "The change could not be saved: " + io.getMessage()
                                + ". Check the data folder's free space and permissions.",
                        Map.of());
            }
            default -> {
                LOG.log(Level.ERROR, "The admin API failed", cause);
                yield new ApiProblem(
                        500,
                        "internal-error",
                        "Internal error",
                        "Something went wrong; the connector's log has the details.",
                        Map.of());
            }
        };
    }

    private static ApiProblem ofStatus(int status, String detail) {
        return switch (status) {
            case 400 -> invalidInput(detail);
            case 404 -> notFound(detail);
            case 409 ->
                new ApiProblem(409, "invalid-state", "Operation not allowed in the current state", detail, Map.of());
            case 422 -> new ApiProblem(422, "pairing-failed", "Pairing failed", detail, Map.of());
            case 502 -> new ApiProblem(502, "mooring-unreachable", "Mooring unreachable", detail, Map.of());
            case 503 -> new ApiProblem(503, "unavailable", "Unavailable", detail, Map.of());
            default -> new ApiProblem(status, "status-" + status, "Refused", detail, Map.of());
        };
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The problem details as a JSON object. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        return body;
    }
}
