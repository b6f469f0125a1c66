package io.mooring.connector.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTest {
    enum Colour {
        RED,
        GREEN
    }

    record Point(int x, String label, Colour colour, List<Integer> tags, Point next) {}

    @Test
    void readsEveryKindOfValue() {
        JsonObject object = read("{\"s\": \"text\", \"i\": 42, \"b\": true, \"n\": null, \"a\": [1, 2], \"o\": {}}")
                .object();

        assertThat(object.string("s")).isEqualTo("text");
        assertThat(object.integer("i")).isEqualTo(42);
        assertThat(object.bool("b")).isTrue();
        assertThat(object.get("n")).isNull();
        assertThat(object.list("a", JsonValue::integer)).containsExactly(1, 2);
        JsonValue inner = object.read("o", value -> value.object().get("x"));
        assertThat(inner).isNull();
    }

    @Test
    void missingFieldsReadAsAbsent() {
        JsonObject object = read("{}").object();

        assertThat(object.string("s")).isNull();
        assertThat(object.integer("i")).isZero();
        assertThat(object.optionalInteger("i")).isNull();
        assertThat(object.enumValue("c", Colour.class)).isNull();
        assertThat(object.list("a", JsonValue::integer)).isNull();
        assertThatThrownBy(() -> object.requiredString("s"))
                .isInstanceOf(JsonProblem.class)
                .hasMessage("field 's' is missing (line 1, column 1)");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> read("{\n  \"a\": 1,\n  oops\n}"))
                .isInstanceOf(JsonProblem.class)
                .hasMessageContaining("(line 3, column 3)");
    }

    @Test
    void emptyAndTrailingContentAreRefused() {
        assertThatThrownBy(() -> read("  ")).isInstanceOf(JsonProblem.class).hasMessage("the document is empty");
        assertThatThrownBy(() -> read("{} {}"))
                .isInstanceOf(JsonProblem.class)
                .hasMessage("unexpected content after the JSON value; send one value only (line 1, column 4)");
    }

    @Test
    void wrongKindNamesTheFieldPath() {
        JsonValue root = read("{\"items\": [{\"port\": 1}, {\"port\": \"443\"}]}");

        assertThatThrownBy(
                        () -> root.object().list("items", item -> item.object().integer("port")))
                .isInstanceOf(JsonProblem.class)
                .hasMessage("items[1].port: expected a whole number, found the string '443' (line 1, column 34)");
    }

    @Test
    void numbersMustFitAndBeWhole() {
        JsonObject object = read("{\"big\": 2147483648, \"max\": 2147483647, \"float\": 1.5}")
                .object();

        int max = object.integer("max");
        assertThat(max).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> object.integer("big")).hasMessageStartingWith("big: 2147483648 is out of range");
        assertThatThrownBy(() -> object.integer("float"))
                .hasMessageStartingWith("float: expected a whole number, found 1.5");
    }

    @Test
    void unknownEnumValueNamesTheAllowedOnes() {
        JsonObject object = read("{\"colour\": \"BLUE\"}").object();

        Colour red = read("{\"colour\": \"RED\"}").object().enumValue("colour", Colour.class);
        assertThat(red).isEqualTo(Colour.RED);
        assertThatThrownBy(() -> object.enumValue("colour", Colour.class))
                .hasMessage("colour: 'BLUE' is not a valid value; use one of RED, GREEN (line 1, column 12)");
    }

    @Test
    void unknownFieldsAreRefusedOrIgnoredAsTheDocumentWasRead() {
        byte[] content = "{\"a\": {\"known\": 1, \"other\": 2}}".getBytes(UTF_8);

        JsonObject lenient = Json.read(content, UnknownFields.IGNORE).object();
        Integer known = lenient.read(
                "a", value -> value.object().fields(Set.of("known")).integer("known"));
        assertThat(known).isEqualTo(1);

        JsonObject strict = Json.read(content, UnknownFields.REFUSE).object();
        assertThatThrownBy(() -> strict.read("a", value -> value.object().fields(Set.of("known", "more"))))
                .hasMessage("a: unknown field 'other'; known fields: known, more (line 1, column 7)");
    }

    @Test
    void duplicateFieldIsRefused() {
        assertThatThrownBy(() -> read("{\"a\": 1, \"a\": 2}")).hasMessageContaining("field 'a' appears twice");
    }

    @Test
    void nullElementIsRefused() {
        assertThatThrownBy(() -> read("[1, null]").list(JsonValue::integer))
                .hasMessage("[1]: an element is null; remove it or give a value (line 1, column 5)");
    }

    @Test
    void buildTurnsTheRecordsRefusalIntoAProblemAtTheObject() {
        JsonObject object = read("{\"list\": [{\"x\": -1}]}").object();

        assertThatThrownBy(() -> object.list(
                        "list",
                        item -> item.object().build(() -> {
                            throw new IllegalArgumentException("x must be positive.");
                        })))
                .isInstanceOf(JsonProblem.class)
                .hasMessage("list[0]: x must be positive (line 1, column 11)");
    }

    @Test
    void writesRecordsMapsAndListsInOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1L);
        map.put("a", null);
        map.put("at", Instant.parse("2026-12-07T03:00:00Z"));
        map.put("point", new Point(1, "é\"", Colour.GREEN, List.of(7), null));

        assertThat(new String(Json.compact(map), UTF_8))
                .isEqualTo("{\"z\":1,\"a\":null,\"at\":\"2026-12-07T03:00:00Z\","
                        + "\"point\":{\"x\":1,\"label\":\"é\\\"\",\"colour\":\"GREEN\",\"tags\":[7],\"next\":null}}");
    }

    @Test
    void indentedOutputReadsBackTheSame() {
        Point point = new Point(3, "p", Colour.RED, List.of(1, 2), new Point(4, "q", Colour.GREEN, List.of(), null));

        byte[] indented = Json.indented(point);
        JsonObject back = Json.read(indented, UnknownFields.REFUSE).object();

        assertThat(new String(indented, UTF_8)).contains("\n");
        assertThat(back.integer("x")).isEqualTo(3);
        assertThat(back.enumValue("colour", Colour.class)).isEqualTo(Colour.RED);
        assertThat(back.list("tags", JsonValue::integer)).containsExactly(1, 2);
        String nextLabel = back.read("next", next -> next.object().string("label"));
        assertThat(nextLabel).isEqualTo("q");
    }

    @Test
    void refusesToWriteWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Json.compact(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.compact(Arrays.asList(new StringBuilder())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonValue read(String content) {
        return Json.read(content.getBytes(UTF_8), UnknownFields.REFUSE);
    }
}
