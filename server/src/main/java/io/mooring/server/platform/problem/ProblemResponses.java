package io.mooring.server.platform.problem;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every exception that leaves a controller into problem details, never into a stack trace. */
@RestControllerAdvice
final class ProblemResponses {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(MooringProblem.class)
    ResponseEntity<ProblemDetail> mooringProblem(MooringProblem problem) {
        return Problems.response(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException exception) {
        return Problems.response(RequestBodyErrors.describe(exception));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException exception) {
        String expected = exception.getRequiredType() == null
                ? "another type"
                : exception.getRequiredType().getSimpleName();
        return problem(
                ProblemType.INVALID_INPUT,
                "Parameter '" + exception.getName() + "' has the value '" + exception.getValue()
                        + "', which is not a valid " + expected + ".");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException exception) {
        return problem(
                ProblemType.INVALID_INPUT,
                "Query parameter '" + exception.getParameterName() + "' is required; add it to the request.");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException exception) {
        return problem(
                ProblemType.INVALID_INPUT,
                "Header '" + exception.getHeaderName() + "' is required; add it to the request.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException exception) {
        return problem(
                ProblemType.METHOD_NOT_ALLOWED,
                exception.getMethod() + " is not supported here; use one of " + exception.getSupportedHttpMethods()
                        + ".");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException exception) {
        return problem(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Content type '" + exception.getContentType() + "' is not supported; send "
                        + exception.getSupportedMediaTypes() + ".");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException exception) {
        return problem(
                ProblemType.NOT_ACCEPTABLE,
                "This resource answers only " + exception.getSupportedMediaTypes() + "; adjust the Accept header.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException exception) {
        return problem(
                ProblemType.NOT_FOUND,
                "There is no resource at '/" + exception.getResourcePath()
                        + "'; the API is described at /v3/api-docs.");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrityViolation(DataIntegrityViolationException exception) {
        log.info(
                "Concurrent change rejected by a database constraint: {}",
                exception.getMostSpecificCause().getMessage());
        return problem(
                ProblemType.CONFLICT,
                "The change conflicts with a concurrent change to the same data; read the current state and retry.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Unexpected error while handling a request", exception);
        return problem(
                ProblemType.INTERNAL_ERROR,
                "Mooring failed unexpectedly; nothing was changed by this request unless it says otherwise. "
                        + "Retry, and report the time of the failure to your operator if it persists.");
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail) {
        return Problems.response(Problems.body(type, detail, Map.of()));
    }
}
