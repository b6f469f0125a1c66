package io.mooring.connector.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "/                       => /",
                "/a/b                    => /a/b",
                "/a/b?x=1&y=/../z        => /a/b",
                "/a/b#fragment           => /a/b",
                "/a/b/?x                 => /a/b/",
                "//a///b                 => /a/b",
                "//a///b//               => /a/b/",
                "//                      => /",
                "/./a/./b                => /a/b",
                "/a/b/.                  => /a/b/",
                "/a/b/..                 => /a/",
                "/a/../b                 => /b",
                "/a/b/../../c            => /c",
                "/a/%2e%2e/b             => /b",
                "/a/%2E%2e/b             => /b",
                "/a/.%2e/b               => /b",
                "/a/%2e/b                => /a/b",
                "/%41%62c                => /Abc",
                "/%7e%7E                 => /~~",
                "/a b                    => /a%20b",
                "/a%20b                  => /a%20b",
                "/%c3%bc                 => /%C3%BC",
                "/%e2%82%ac              => /%E2%82%AC",
                "/a;v=2/b                => /a;v=2/b",
                "/a%3bv=2                => /a%3Bv=2",
                "/a:b@c!$&'()*+,=        => /a:b@c!$&'()*+,=",
                "/a|b                    => /a%7Cb",
                "/100%25                 => /100%25",
                "/100%25off              => /100%25off",
                "/a/...                  => /a/...",
                "/a/.hidden/..b          => /a/.hidden/..b",
                "/a.b/c..                => /a.b/c..",
            })
    void normalisesValidPaths(String raw, String expected) {
        assertThat(PathNormalizer.normalise(raw)).isEqualTo(new PathNormalizer.Valid(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a/b",
                "*",
                "?x=1",
                "http://erp.internal/a",
                "/..",
                "/../a",
                "/a/../../b",
                "/%2e%2e",
                "/a/%2e%2e/%2e%2e/b",
                "/a%2Fb",
                "/a%2fb",
                "/a/%2F../b",
                "/a%5Cb",
                "/a%5cb",
                "/a\\b",
                "/a\\..\\b",
                "/a%00b",
                "/a%0Ab",
                "/a%0d%0aX-Header:%20x",
                "/a%7F",
                "/a%C2%85",
                "/a\tb",
                "/a\u0000b",
                "/a\u007Fb",
                "/a%252e",
                "/a%252e%252e/b",
                "/a%252F",
                "/a%25%32%65",
                "/a%zz",
                "/a%4",
                "/a%",
                "/a%%41",
                "/\u00fc",
                "/a%C0%AF",
                "/a%E0%80%AF",
                "/a%ED%A0%80",
                "/a%F4%90%80%80",
                "/a%C3",
                "/a%C3%28",
                "/a%FF",
                "/a/..;/b",
                "/a/..;x=1/b",
                "/a/.;/b",
                "/a/%2e%2e;/b",
                "/a/..%3B/b",
                "/a/..%3b/b",
            })
    void refusesInvalidPaths(String raw) {
        assertThat(PathNormalizer.normalise(raw)).isInstanceOf(PathNormalizer.Invalid.class);
    }

    @Test
    void reasonSaysWhatIsWrong() {
        assertThat(PathNormalizer.normalise("/a/../.."))
                .isEqualTo(new PathNormalizer.Invalid("the path climbs above '/'"));
        assertThat(PathNormalizer.normalise("/a%2Fb"))
                .isEqualTo(new PathNormalizer.Invalid("an encoded '/' (%2F) is not allowed"));
        assertThat(PathNormalizer.normalise("/a%252e"))
                .isEqualTo(new PathNormalizer.Invalid("a double percent-encoding is not allowed"));
    }

    @Test
    void trailingSlashIsKept() {
        assertThat(PathNormalizer.normalise("/a/b/")).isEqualTo(new PathNormalizer.Valid("/a/b/"));
        assertThat(PathNormalizer.normalise("/a/b")).isEqualTo(new PathNormalizer.Valid("/a/b"));
    }

    @Test
    void caseOfPathIsKeptAndCaseOfHexIsNot() {
        assertThat(PathNormalizer.normalise("/SAP/Opu%3b")).isEqualTo(new PathNormalizer.Valid("/SAP/Opu%3B"));
    }

    @Test
    void isNormalisedOnlyForCanonicalForm() {
        assertThat(PathNormalizer.isNormalised("/a/b/")).isTrue();
        assertThat(PathNormalizer.isNormalised("/a%20b")).isTrue();
        assertThat(PathNormalizer.isNormalised("/a%20b/%C3%BC")).isTrue();
        assertThat(PathNormalizer.isNormalised("/a b")).isFalse();
        assertThat(PathNormalizer.isNormalised("/a//b")).isFalse();
        assertThat(PathNormalizer.isNormalised("/a/./b")).isFalse();
        assertThat(PathNormalizer.isNormalised("/%41")).isFalse();
        assertThat(PathNormalizer.isNormalised("/%c3%bc")).isFalse();
        assertThat(PathNormalizer.isNormalised("/a?b")).isFalse();
        assertThat(PathNormalizer.isNormalised("a")).isFalse();
    }
}
