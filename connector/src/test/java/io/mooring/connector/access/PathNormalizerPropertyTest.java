package io.mooring.connector.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link PathNormalizer} on paths built from the pieces attackers use. */
class PathNormalizerPropertyTest {

    @Property(tries = 2000)
    void normalisingIsIdempotent(@ForAll("hostilePaths") String raw) {
        if (PathNormalizer.normalise(raw) instanceof PathNormalizer.Valid valid) {
            assertThat(PathNormalizer.normalise(valid.path())).isEqualTo(valid);
            assertThat(PathNormalizer.isNormalised(valid.path())).isTrue();
        }
    }

    @Property(tries = 2000)
    void normalisedPathHasNoDotSegmentAndNoEmptySegment(@ForAll("hostilePaths") String raw) {
        if (PathNormalizer.normalise(raw) instanceof PathNormalizer.Valid valid) {
            String path = valid.path();
            assertThat(path).startsWith("/");
            List<String> segments = Arrays.asList(path.substring(1).split("/", -1));
            assertThat(segments).doesNotContain(".", "..");
            assertThat(segments.subList(0, segments.size() - 1)).doesNotContain("");
        }
    }

    @Property(tries = 2000)
    void normalisedPathIsPlainAsciiWithoutSeparatorsInDisguise(@ForAll("hostilePaths") String raw) {
        if (PathNormalizer.normalise(raw) instanceof PathNormalizer.Valid valid) {
            assertThat(valid.path())
                    .matches("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*")
                    .doesNotContain("?", "#", "\\")
                    .doesNotContainIgnoringCase("%2F")
                    .doesNotContainIgnoringCase("%5C")
                    .doesNotContain("%00");
        }
    }

    @Property(tries = 1000)
    void encodingUnreservedCharactersKeepsTheMeaning(@ForAll("plainPaths") String path, @ForAll boolean upperCase) {
        StringBuilder encoded = new StringBuilder();
        for (char c : path.toCharArray()) {
            encoded.append(c == '/' ? "/" : String.format(upperCase ? "%%%02X" : "%%%02x", (int) c));
        }
        assertThat(PathNormalizer.normalise(encoded.toString())).isEqualTo(PathNormalizer.normalise(path));
    }

    @Provide
    Arbitrary<String> hostilePaths() {
        Arbitrary<String> piece = Arbitraries.of(
                "/",
                "/",
                "/",
                "a",
                "b",
                "Z",
                "~",
                ".",
                "..",
                "%2e",
                "%2E",
                "%2e%2e",
                "%2f",
                "%2F",
                "%5c",
                "\\",
                "%25",
                "%252e",
                "%2525",
                "%",
                "%4",
                "%41",
                "%61",
                "%zz",
                "%00",
                "%0a",
                "%7f",
                ";",
                "%3b",
                "%3B",
                "..;",
                " ",
                "%20",
                "|",
                "?",
                "#",
                "%3f",
                "%23",
                "%c3%bc",
                "%C3",
                "%ff",
                "%C0%AF",
                "%E2%82%AC",
                "\u00fc",
                "\t",
                ":",
                "@",
                "=",
                "&");
        Arbitrary<String> body = piece.list().ofMaxSize(14).map(pieces -> String.join("", pieces));
        return Arbitraries.oneOf(body.map(b -> "/" + b), body);
    }

    @Provide
    Arbitrary<String> plainPaths() {
        Arbitrary<String> segment =
                Arbitraries.strings().withChars("abcXYZ019-._~").ofMinLength(1).ofMaxLength(6);
        return segment.list().ofMaxSize(5).map(segments -> "/" + String.join("/", segments));
    }
}
