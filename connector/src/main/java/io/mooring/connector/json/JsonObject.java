package io.mooring.connector.json;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object read from a document. Its fields are read by name; a field that is missing or null reads as
 * {@code null} ({@link #integer} as 0), a field of the wrong kind is a {@link JsonProblem} naming it.
 */
public final class JsonObject {
    private final JsonValue self;
    private final Map<String, JsonValue> members;

    JsonObject(JsonValue self, Map<String, JsonValue> members) {
        this.self = self;
        this.members = members;
    }

    /** The field's value; {@code null} when it is missing or JSON's null. */
    public @Nullable JsonValue get(String name) {
        JsonValue value = members.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public @Nullable String string(String name) {
        JsonValue value = get(name);
        return value == null ? null : value.string();
    }

    /** A string that must be there: missing or null is a {@link JsonProblem} naming the field. */
    public String requiredString(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw self.problem("field '" + name + "' is missing");
        }
        return value.string();
    }

    public @Nullable Boolean bool(String name) {
        JsonValue value = get(name);
        return value == null ? null : value.bool();
    }

    /** A whole number; {@code 0} when missing, which the record's own validation then refuses by name if need be. */
    public int integer(String name) {
        JsonValue value = get(name);
        return value == null ? 0 : value.integer();
    }

    public @Nullable Integer optionalInteger(String name) {
        JsonValue value = get(name);
        return value == null ? null : value.integer();
    }

    public <E extends Enum<E>> @Nullable E enumValue(String name, Class<E> type) {
        JsonValue value = get(name);
        return value == null ? null : value.enumValue(type);
    }

    /** The field read by {@code reader}, such as a record's {@code fromJson}; {@code null} when missing. */
    public <T> @Nullable T read(String name, Function<JsonValue, T> reader) {
        JsonValue value = get(name);
        return value == null ? null : reader.apply(value);
    }

    public <T> @Nullable List<T> list(String name, Function<JsonValue, T> element) {
        JsonValue value = get(name);
        return value == null ? null : value.list(element);
    }

    /**
     * Declares the object's fields: in a document read with {@link UnknownFields#REFUSE}, any other field is refused,
     * naming it and the known ones; with {@link UnknownFields#IGNORE} they are left alone.
     */
    public JsonObject fields(Set<String> known) {
        if (self.unknownFields() == UnknownFields.IGNORE) {
            return this;
        }
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            if (!known.contains(member.getKey())) {
                throw self.problem("unknown field '" + member.getKey() + "'; known fields: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    /**
     * Builds the record this object stands for; a refusal of the record's own validation
     * ({@link IllegalArgumentException}) becomes a {@link JsonProblem} at this object.
     */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw self.problem(String.valueOf(e.getMessage()));
        }
    }
}
