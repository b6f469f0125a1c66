package io.mooring.server.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The closed set of problems Mooring reports; each has a stable type URI that clients may switch on. */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    INVALID_INPUT("invalid-input", HttpStatus.BAD_REQUEST, "Invalid input"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "Invalid credentials"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    NAME_TAKEN("name-taken", HttpStatus.CONFLICT, "Name already taken"),
    INVALID_STATE("invalid-state", HttpStatus.CONFLICT, "Operation not allowed in the current state"),
    FORMATION_RULES_VIOLATED(
            "formation-rules-violated", HttpStatus.CONFLICT, "The formation type's rules forbid this change"),
    DEREGISTRATION_BLOCKED("deregistration-blocked", HttpStatus.CONFLICT, "System is still in use"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    TOKEN_MALFORMED("integration-token-malformed", HttpStatus.BAD_REQUEST, "Integration token malformed"),
    TOKEN_UNKNOWN("integration-token-unknown", HttpStatus.NOT_FOUND, "Integration token unknown"),
    TOKEN_EXPIRED("integration-token-expired", HttpStatus.GONE, "Integration token expired"),
    TOKEN_USED("integration-token-used", HttpStatus.CONFLICT, "Integration token already used"),
    TOKEN_SUPERSEDED("integration-token-superseded", HttpStatus.GONE, "Integration token superseded"),
    INVALID_CSR("invalid-csr", HttpStatus.BAD_REQUEST, "Invalid certificate signing request"),
    PAIRING_FAILED("pairing-failed", HttpStatus.UNPROCESSABLE_CONTENT, "Pairing failed"),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String PREFIX = "urn:mooring:problem:";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create(PREFIX + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
