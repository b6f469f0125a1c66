package io.mooring.connector.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mooring.connector.json.Json;
import java.util.Map;

/** An answer of the admin API, ready to be written. */
record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PEM = "application/x-pem-file";

    static AdminResponse json(int status, Object value) {
        return new AdminResponse(status, JSON, Json.compact(value), Map.of());
    }

    static AdminResponse created(String location, Object value) {
        return new AdminResponse(201, JSON, Json.compact(value), Map.of("Location", location));
    }

    static AdminResponse noContent() {
        return new AdminResponse(204, JSON, new byte[0], Map.of());
    }

    static AdminResponse pem(String pem) {
        return new AdminResponse(200, PEM, pem.getBytes(UTF_8), Map.of());
    }

    static AdminResponse problem(ApiProblem problem) {
        return new AdminResponse(problem.status(), PROBLEM_JSON, Json.compact(problem.body()), problem.headers());
    }
}
