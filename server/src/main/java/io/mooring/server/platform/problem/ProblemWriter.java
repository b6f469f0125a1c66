package io.mooring.server.platform.problem;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem details from servlet filters, which answer before Spring MVC's message converters run. */
@Component
public final class ProblemWriter {
    private final JsonMapper jsonMapper;

    public ProblemWriter(JsonMapper jsonMapper) {
        this.jsonMapper = requireNonNull(jsonMapper, "jsonMapper");
    }

    public void write(HttpServletResponse response, MooringProblem problem) throws IOException {
        write(response, Problems.body(problem));
    }

    public void write(HttpServletResponse response, ProblemDetail body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(body.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        jsonMapper.writeValue(response.getOutputStream(), body);
    }
}
