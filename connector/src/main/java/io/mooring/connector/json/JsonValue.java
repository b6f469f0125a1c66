package io.mooring.connector.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One value of a JSON document with where it stands: its field path (such as {@code mappings[0].virtualPort}) and its
 * line and column. Reading it as the wrong kind of value throws a {@link JsonProblem} that names both.
 */
public final class JsonValue {
    private final @Nullable Object value;
    private final String path;
    private final int line;
    private final int column;
    private final UnknownFields unknownFields;

    /**
     * @param value a {@code String}, {@code Boolean}, {@code BigInteger}, {@code BigDecimal}, a map of members, a list
     *     of elements, or {@code null} for JSON's null
     */
    JsonValue(@Nullable Object value, String path, int line, int column, UnknownFields unknownFields) {
        this.value = value;
        this.path = path;
        this.line = line;
        this.column = column;
        this.unknownFields = unknownFields;
    }

    /** The field path from the document's root, such as {@code mappings[0].resources[1]}; empty for the root. */
    public String path() {
        return path;
    }

    /** What {@link JsonObject#onlyFields} does with fields it does not know in this document. */
    UnknownFields unknownFields() {
        return unknownFields;
    }

    public boolean isNull() {
        return value == null;
    }

    public JsonObject object() {
        if (value instanceof Map<?, ?> members) {
            @SuppressWarnings("unchecked")
            Map<String, JsonValue> typed = (Map<String, JsonValue>) members;
            return new JsonObject(this, typed);
        }
        throw expected("an object");
    }

    public List<JsonValue> array() {
        if (value instanceof List<?> elements) {
            @SuppressWarnings("unchecked")
            List<JsonValue> typed = (List<JsonValue>) elements;
            return typed;
        }
        throw expected("an array");
    }

    /** The elements of an array, each read by {@code element}; a null element is refused. */
    public <T> List<T> list(Function<JsonValue, T> element) {
        List<T> out = new ArrayList<>();
        for (JsonValue item : array()) {
            if (item.isNull()) {
                throw item.problem("an element is null; remove it or give a value");
            }
            out.add(element.apply(item));
        }
        return out;
    }

    public String string() {
        if (value instanceof String text) {
            return text;
        }
        throw expected("a string");
    }

    public boolean bool() {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw expected("true or false");
    }

    public int integer() {
        if (value instanceof BigInteger number) {
            if (number.bitLength() < Integer.SIZE) {
                return number.intValue();
            }
            throw problem(number + " is out of range");
        }
        throw expected("a whole number");
    }

    public <E extends Enum<E>> E enumValue(Class<E> type) {
        String name = string();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw problem("'" + name + "' is not a valid value; use one of " + allowed);
    }

    /** A problem with this value: the message names its path and where it starts in the document. */
    public JsonProblem problem(String what) {
        return new JsonProblem(path, what, line, column);
    }

    private JsonProblem expected(String kind) {
        return problem("expected " + kind + ", found " + kindOf(value));
    }

    private static String kindOf(@Nullable Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> "the string '" + text + "'";
            case Boolean flag -> flag.toString();
            case BigInteger number -> number.toString();
            case BigDecimal number -> number.toString();
            case Map<?, ?> ignored -> "an object";
            case List<?> ignored -> "an array";
            default -> value.getClass().getSimpleName();
        };
    }
}
