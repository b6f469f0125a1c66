package io.mooring.connector.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** An answer of the admin API, ready to be written. */
record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PEM = "application/x-pem-file";

    static AdminResponse json(int status, Object value, JsonMapper mapper) {
        return new AdminResponse(status, JSON, mapper.writeValueAsBytes(value), Map.of());
    }

    static AdminResponse created(String location, Object value, JsonMapper mapper) {
        return new AdminResponse(201, JSON, mapper.writeValueAsBytes(value), Map.of("Location", location));
    }

    static AdminResponse noContent() {
        return new AdminResponse(204, JSON, new byte[0], Map.of());
    }

    static AdminResponse pem(String pem) {
        return new AdminResponse(200, PEM, pem.getBytes(UTF_8), Map.of());
    }

    static AdminResponse problem(ApiProblem problem, JsonMapper mapper) {
        return new AdminResponse(
                problem.status(), PROBLEM_JSON, mapper.writeValueAsBytes(problem.body()), problem.headers());
    }
}
