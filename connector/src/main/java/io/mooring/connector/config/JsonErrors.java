package io.mooring.connector.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's exceptions into sentences for administrators: where in the document, and what is wrong. */
public final class JsonErrors {

    private JsonErrors() {}

    /** Describes the problem as {@code field.path: what (line L, column C)}, without a final period. */
    public static String describe(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException && !path.isEmpty()) {
            // The unknown field's name is in the sentence; the path names where it sits.
            path = path.subList(0, path.size() - 1);
        }
        String where = fieldPath(path);
        String what = what(e);
        if (what.endsWith(".")) {
            what = what.substring(0, what.length() - 1);
        }
        String at = location(e.getLocation());
        return (where.isEmpty() ? what : where + ": " + what) + at;
    }

    private static String what(JacksonException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'" + knownFields(unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException invalid) {
            return "'" + invalid.getValue() + "' is not a valid value" + allowedValues(invalid.getTargetType());
        }
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String knownFields(Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "";
        }
        return "; known fields: " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String allowedValues(Class<?> type) {
        if (type == null || !type.isEnum()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return "; use one of " + String.join(", ", names);
    }

    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String location(TokenStreamLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
