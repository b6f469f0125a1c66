package io.mooring.server.platform.problem;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Explains why a request body could not be read, naming the field, in words a caller can act on. */
final class RequestBodyErrors {
    private RequestBodyErrors() {}

    static ProblemDetail describe(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof MooringProblem problem) {
                return Problems.body(problem);
            }
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalid("Field '" + path(unknown) + "' is not known here; remove it. Known fields: "
                    + unknown.getKnownPropertyIds() + ".");
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null) {
            return invalid("Field '" + path(format) + "' has the value '" + format.getValue() + "', but it must be "
                    + expected(format.getTargetType()) + ".");
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String field = path(mismatch);
            return invalid((field.isEmpty() ? "The body" : "Field '" + field + "'") + " must be "
                    + expected(mismatch.getTargetType()) + ".");
        }
        if (cause instanceof StreamReadException) {
            return Problems.body(
                    ProblemType.MALFORMED_REQUEST,
                    "The body is not valid JSON (" + ((JacksonException) cause).getOriginalMessage()
                            + "); send a well-formed JSON document.",
                    Map.of());
        }
        if (cause instanceof JacksonException jackson && !path(jackson).isEmpty()) {
            return invalid("Field '" + path(jackson) + "' could not be read: " + jackson.getOriginalMessage());
        }
        return Problems.body(
                ProblemType.MALFORMED_REQUEST,
                "The request body is missing or unreadable; send a JSON document as described at /v3/api-docs.",
                Map.of());
    }

    private static ProblemDetail invalid(String detail) {
        return Problems.body(ProblemType.INVALID_INPUT, detail, Map.of());
    }

    private static String path(JacksonException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return "a " + type.getSimpleName();
    }
}
