package io.mooring.server.platform.problem;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds problem-detail bodies and responses in one place so that every path answers alike. */
public final class Problems {
    private Problems() {}

    public static ProblemDetail body(ProblemType type, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail body(MooringProblem problem) {
        return body(problem.problemType(), problem.detail(), problem.properties());
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, headers, body.getStatus());
    }

    public static ResponseEntity<ProblemDetail> response(MooringProblem problem) {
        return response(body(problem));
    }
}
