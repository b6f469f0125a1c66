package io.mooring.server.platform.problem;

import io.mooring.server.platform.security.PublicEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers errors raised outside Spring MVC (by the servlet container or a filter) as problem details too. */
@RestController
final class ErrorEndpoint implements ErrorController {
    @RequestMapping("/error")
    @PublicEndpoint("reports errors of requests that were refused before reaching an endpoint")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemType type = switch (status) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case UNAUTHORIZED -> ProblemType.UNAUTHENTICATED;
            case FORBIDDEN -> ProblemType.FORBIDDEN;
            case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
            case CONTENT_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
            default -> status.is4xxClientError() ? ProblemType.MALFORMED_REQUEST : ProblemType.INTERNAL_ERROR;
        };
        ProblemDetail body = Problems.body(type, detail(status), Map.of());
        body.setStatus(status.value());
        return Problems.response(body);
    }

    private static String detail(HttpStatus status) {
        return status.is4xxClientError()
                ? "The request was refused (" + status.value() + " " + status.getReasonPhrase()
                        + "); check it against the API description at /v3/api-docs."
                : "Mooring failed unexpectedly; retry, and report the time to your operator if it persists.";
    }
}
