package io.mooring.tunnel;

/**
 * A request that {@link RequestDecoder} could not read: {@code detail} says what was wrong, in a sentence for the
 * client. Nothing after it on the connection is read.
 */
public record RequestRefusal(Reason reason, String detail) {
    public enum Reason {
        /** Not HTTP/1.1 as RFC 9112 has it, or framed so that it could be read two ways. */
        MALFORMED,
        REQUEST_LINE_TOO_LONG,
        HEADER_LINE_TOO_LONG,
        HEAD_TOO_LARGE
    }
}
