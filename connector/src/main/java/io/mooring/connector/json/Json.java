package io.mooring.connector.json;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/** Reads a JSON document into {@link JsonValue}s, and writes the connector's values as JSON. */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ObjectWriteContext COMPACT = ObjectWriteContext.empty();
    private static final ObjectWriteContext INDENTED = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    private Json() {}

    /**
     * Reads a whole document: one value, nothing after it.
     *
     * @param unknownFields whether {@link JsonObject#fields} refuses fields it does not know, or ignores them
     * @throws JsonProblem when the content is empty or not JSON, with the line and column of the problem
     */
    public static JsonValue read(byte[] content, UnknownFields unknownFields) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), content)) {
            if (parser.nextToken() == null) {
                throw new JsonProblem("", "the document is empty", 0, 0);
            }
            JsonValue root = value(parser, "", unknownFields);
            if (parser.nextToken() != null) {
                throw at(parser, "", "unexpected content after the JSON value; send one value only");
            }
            return root;
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            String what = String.valueOf(e.getOriginalMessage());
            throw location == null
                    ? new JsonProblem("", what, 0, 0)
                    : new JsonProblem("", what, location.getLineNr(), location.getColumnNr());
        }
    }

    /** {@code value} as compact JSON; see {@link #indented} for the values it takes. */
    public static byte[] compact(@Nullable Object value) {
        return write(value, COMPACT);
    }

    /**
     * {@code value} as JSON indented for people. Takes {@code null}, strings, booleans, numbers, enums (by name),
     * instants (ISO-8601), maps (keys as strings), lists and records (components in their declared order, null ones as
     * null).
     */
    public static byte[] indented(@Nullable Object value) {
        return write(value, INDENTED);
    }

    private static JsonValue value(JsonParser parser, String path, UnknownFields unknownFields) {
        TokenStreamLocation start = parser.currentTokenLocation();
        JsonToken token = parser.currentToken();
        Object content = switch (token) {
            case START_OBJECT -> members(parser, path, unknownFields);
            case START_ARRAY -> elements(parser, path, unknownFields);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw at(parser, path, "unexpected " + token);
        };
        return new JsonValue(content, path, start.getLineNr(), start.getColumnNr(), unknownFields);
    }

    private static Map<String, JsonValue> members(JsonParser parser, String path, UnknownFields unknownFields) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            String memberPath = path.isEmpty() ? name : path + "." + name;
            parser.nextToken();
            if (members.put(name, value(parser, memberPath, unknownFields)) != null) {
                throw at(parser, path, "field '" + name + "' appears twice; keep one");
            }
        }
        return members;
    }

    private static List<JsonValue> elements(JsonParser parser, String path, UnknownFields unknownFields) {
        List<JsonValue> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(value(parser, path + "[" + elements.size() + "]", unknownFields));
        }
        return elements;
    }

    private static JsonProblem at(JsonParser parser, String path, String what) {
        TokenStreamLocation location = parser.currentTokenLocation();
        return new JsonProblem(path, what, location.getLineNr(), location.getColumnNr());
    }

    private static byte[] write(@Nullable Object value, ObjectWriteContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(context, out)) {
            write(generator, value);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator out, @Nullable Object value) {
        switch (value) {
            case null -> out.writeNull();
            case String text -> out.writeString(text);
            case Boolean flag -> out.writeBoolean(flag);
            case Integer number -> out.writeNumber(number);
            case Long number -> out.writeNumber(number);
            case BigInteger number -> out.writeNumber(number);
            case BigDecimal number -> out.writeNumber(number);
            case Double number -> out.writeNumber(number);
            case Enum<?> constant -> out.writeString(constant.name());
            case Instant instant -> out.writeString(instant.toString());
            case Map<?, ?> map -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> member : map.entrySet()) {
                    out.writeName(String.valueOf(member.getKey()));
                    write(out, member.getValue());
                }
                out.writeEndObject();
            }
            case Iterable<?> elements -> {
                out.writeStartArray();
                for (Object element : elements) {
                    write(out, element);
                }
                out.writeEndArray();
            }
            case Record record -> {
                out.writeStartObject();
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    out.writeName(component.getName());
                    write(out, componentValue(record, component));
                }
                out.writeEndObject();
            }
            default ->
                throw new IllegalArgumentException(
                        "Cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static @Nullable Object componentValue(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "Cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }
}
