package io.mooring.connector.access;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a request path into the one canonical form that access control matches and the connector forwards, or
 * refuses it.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>The query and the fragment are dropped: everything from the first {@code ?} or {@code #}.
 *   <li>The path must start with {@code /}.
 *   <li>Percent-encodings are decoded once, as UTF-8. Refused: a malformed escape; invalid UTF-8 (overlong forms and
 *       surrogates included); an encoded {@code /} ({@code %2F}); a {@code \}, raw or encoded; any control character,
 *       raw or encoded ({@code %00}, C1 controls); a raw non-ASCII character (clients must encode it); and a
 *       {@code %} that, once decoded, starts a valid escape again (double encoding, as in {@code %252e}).
 *   <li>The path is encoded again, canonically: unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are plain,
 *       sub-delimiters, {@code :}, {@code @} and {@code /} stay plain when they came plain, everything else is
 *       percent-encoded with upper-case hex digits. So {@code %41} and {@code A} are the same path, while
 *       {@code %3B} and {@code ;} stay different, as RFC 3986 §6.2.2 has it.
 *   <li>Repeated slashes collapse; dot-segments are resolved as in RFC 3986 §5.2.4 (after decoding, so
 *       {@code %2e%2e} is {@code ..}); a path that climbs above {@code /} is refused, and so is a dot-segment with a
 *       path parameter ({@code ..;x}), which servers that strip parameters before resolving would read as
 *       {@code ..}.
 * </ol>
 *
 * <p>A trailing slash is significant and kept: {@code /a/b/} and {@code /a/b} are different paths. So an exact
 * resource {@code /a/b} does not admit {@code /a/b/}, while {@code /a/b} with sub-paths admits both. The normalised
 * form normalises to itself, is plain ASCII, has no dot-segment and no empty segment but a trailing one.
 */
public final class PathNormalizer {
    private static final boolean[] UNRESERVED = new boolean[128];
    private static final boolean[] PLAIN = new boolean[128];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
            UNRESERVED[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c : "-._~".toCharArray()) {
            UNRESERVED[c] = true;
        }
        System.arraycopy(UNRESERVED, 0, PLAIN, 0, PLAIN.length);
        for (char c : "!$&'()*+,;=:@".toCharArray()) {
            PLAIN[c] = true;
        }
    }

    private PathNormalizer() {}

    /** The outcome of {@link #normalise}: the canonical path, or why the path is refused. */
    public sealed interface Result permits Valid, Invalid {}

    /** A path in canonical form, without query. */
    public record Valid(String path) implements Result {}

    /** A refused path; the reason is a sentence fragment that names no part of the request. */
    public record Invalid(String reason) implements Result {}

    /** Normalises the path of a request target in origin form, such as {@code /a/b?x=1}. */
    public static Result normalise(String rawPathWithQuery) {
        requireNonNull(rawPathWithQuery, "rawPathWithQuery");
        int end = pathEnd(rawPathWithQuery);
        if (end == 0 || rawPathWithQuery.charAt(0) != '/') {
            return new Invalid("the path must start with '/'");
        }
        if (isPlain(rawPathWithQuery, end)) {
            return new Valid(rawPathWithQuery.substring(0, end));
        }
        try {
            return new Valid(resolveSegments(encodeCanonically(rawPathWithQuery, end)));
        } catch (RefusedPath refused) {
            return new Invalid(refused.getMessage());
        }
    }

    /** Whether the path is in canonical form already, so that {@link #normalise} would return it unchanged. */
    public static boolean isNormalised(String path) {
        return normalise(path) instanceof Valid valid && valid.path().equals(path);
    }

    private static int pathEnd(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return raw.length();
    }

    /** The common case: nothing to decode, encode, collapse or resolve. */
    private static boolean isPlain(String raw, int end) {
        char previous = 0;
        for (int i = 0; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '/') {
                if (previous == '/') {
                    return false;
                }
            } else if (c >= 128 || !PLAIN[c] || (c == '.' && previous == '/')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static String encodeCanonically(String raw, int end) {
        byte[] bytes = new byte[end];
        boolean[] decoded = new boolean[end];
        int length = 0;
        for (int i = 0; i < end; length++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = escapeAt(raw, i, end);
                checkDecodedAscii(value);
                bytes[length] = (byte) value;
                decoded[length] = true;
                i += 3;
            } else {
                checkRaw(c);
                bytes[length] = (byte) c;
                i++;
            }
        }
        StringBuilder out = new StringBuilder(end + 16);
        for (int k = 0; k < length; ) {
            int b = bytes[k] & 0xFF;
            if (b >= 0x80) {
                int sequence = utf8SequenceLength(bytes, k, length);
                for (int j = k; j < k + sequence; j++) {
                    appendEscape(out, bytes[j] & 0xFF);
                }
                k += sequence;
                continue;
            }
            if (b == '%'
                    && k + 2 < length
                    && hexValue((char) bytes[k + 1]) >= 0
                    && hexValue((char) bytes[k + 2]) >= 0) {
                throw new RefusedPath("a double percent-encoding is not allowed");
            }
            if (UNRESERVED[b] || (!decoded[k] && (PLAIN[b] || b == '/'))) {
                out.append((char) b);
            } else {
                appendEscape(out, b);
            }
            k++;
        }
        return out.toString();
    }

    private static int escapeAt(String raw, int i, int end) {
        if (i + 2 >= end) {
            throw new RefusedPath("a malformed percent-encoding is not allowed");
        }
        int high = hexValue(raw.charAt(i + 1));
        int low = hexValue(raw.charAt(i + 2));
        if (high < 0 || low < 0) {
            throw new RefusedPath("a malformed percent-encoding is not allowed");
        }
        return high << 4 | low;
    }

    private static void checkDecodedAscii(int value) {
        if (value == '/') {
            throw new RefusedPath("an encoded '/' (%2F) is not allowed");
        }
        if (value == '\\') {
            throw new RefusedPath("an encoded '\\' (%5C) is not allowed");
        }
        if (value < 0x20 || value == 0x7F) {
            throw new RefusedPath("an encoded control character is not allowed");
        }
    }

    private static void checkRaw(char c) {
        if (c == '\\') {
            throw new RefusedPath("a '\\' is not allowed");
        }
        if (c < 0x20 || c == 0x7F) {
            throw new RefusedPath("a control character is not allowed");
        }
        if (c >= 0x80) {
            throw new RefusedPath("a non-ASCII character must be percent-encoded as UTF-8");
        }
    }

    /** Validates one UTF-8 encoded code point starting at {@code start} and returns its length in bytes. */
    private static int utf8SequenceLength(byte[] bytes, int start, int length) {
        int first = bytes[start] & 0xFF;
        int sequence;
        int codePoint;
        if (first >= 0xC2 && first <= 0xDF) {
            sequence = 2;
            codePoint = first & 0x1F;
        } else if (first >= 0xE0 && first <= 0xEF) {
            sequence = 3;
            codePoint = first & 0x0F;
        } else if (first >= 0xF0 && first <= 0xF4) {
            sequence = 4;
            codePoint = first & 0x07;
        } else {
            throw new RefusedPath("an encoding that is not valid UTF-8 is not allowed");
        }
        if (start + sequence > length) {
            throw new RefusedPath("an encoding that is not valid UTF-8 is not allowed");
        }
        for (int j = start + 1; j < start + sequence; j++) {
            int next = bytes[j] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                throw new RefusedPath("an encoding that is not valid UTF-8 is not allowed");
            }
            codePoint = codePoint << 6 | (next & 0x3F);
        }
        int smallest = sequence == 2 ? 0x80 : sequence == 3 ? 0x800 : 0x10000;
        if (codePoint < smallest || codePoint > Character.MAX_CODE_POINT || isSurrogate(codePoint)) {
            throw new RefusedPath("an encoding that is not valid UTF-8 is not allowed");
        }
        if (Character.isISOControl(codePoint)) {
            throw new RefusedPath("an encoded control character is not allowed");
        }
        return sequence;
    }

    private static boolean isSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    private static String resolveSegments(String path) {
        String[] segments = path.substring(1).split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        boolean trailingSlash = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean dotSegment = segment.equals(".") || segment.equals("..");
            trailingSlash = i == segments.length - 1 && (segment.isEmpty() || dotSegment);
            if (segment.equals("..")) {
                if (kept.isEmpty()) {
                    throw new RefusedPath("the path climbs above '/'");
                }
                kept.removeLast();
            } else if (!segment.isEmpty() && !dotSegment) {
                if (isDotSegmentWithParameter(segment)) {
                    throw new RefusedPath("a dot-segment with a path parameter is not allowed");
                }
                kept.add(segment);
            }
        }
        if (kept.isEmpty()) {
            return "/";
        }
        return "/" + String.join("/", kept) + (trailingSlash ? "/" : "");
    }

    private static boolean isDotSegmentWithParameter(String segment) {
        return segment.startsWith(".;")
                || segment.startsWith("..;")
                || segment.startsWith(".%3B")
                || segment.startsWith("..%3B");
    }

    private static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0x0F]);
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** Thrown inside normalisation only; carries the reason and no stack trace. */
    private static final class RefusedPath extends RuntimeException {
        RefusedPath(String reason) {
            super(reason, null, false, false);
        }
    }
}
