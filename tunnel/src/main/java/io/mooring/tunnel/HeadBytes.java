package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reading an HTTP/1.1 head where it lies, without turning it into strings (names compared in any case), and writing
 * the lines a forwarder adds to one.
 */
public final class HeadBytes {
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    private HeadBytes() {}

    /** True when the bytes from {@code from} to {@code to} are {@code lowerCaseName}, in any case. */
    public static boolean isName(ByteBuf bytes, int from, int to, CharSequence lowerCaseName) {
        return to - from == lowerCaseName.length() && startsWith(bytes, from, to, lowerCaseName);
    }

    /**
     * True when the bytes from {@code from} are {@code expected}'s remaining ones. Where they lie in one piece they are
     * compared by the JDK's vectorised mismatch, many bytes at a time: a 700-byte token compared with Netty's {@code
     * ByteBufUtil.equals}, eight bytes per bounds-checked call, was 4.7 % of the proxy's CPU.
     */
    public static boolean regionEquals(ByteBuf bytes, int from, ByteBuffer expected) {
        int length = expected.remaining();
        ByteBuffer view = inOnePiece(bytes, from, length);
        if (view != null) {
            return view.mismatch(expected) < 0;
        }
        return ByteBufUtil.equals(bytes, from, Unpooled.wrappedBuffer(expected), 0, length);
    }

    /**
     * The bytes from {@code from} as the buffer's own view of its memory (positioned at them, {@code length} long), to
     * be read many bytes at a time; null when they may lie in several pieces. The view is the buffer's internal one:
     * read it before the buffer is used again.
     */
    static @Nullable ByteBuffer inOnePiece(ByteBuf bytes, int from, int length) {
        return bytes.nioBufferCount() == 1 ? bytes.internalNioBuffer(from, length) : null;
    }

    /**
     * The index of the first {@code value} in {@code view} from {@code from} (inclusive) to {@code to} (exclusive),
     * both absolute, or -1; eight bytes per step. For long heads read as one piece: the proxy's requests carry a
     * 700-byte token line, and Netty's {@code ByteBuf.indexOf}, which reads each eight bytes through a call into the
     * buffer, was 2.6-3.1 % of the server's CPU on 50 connections finding the ends of lines.
     */
    public static int indexOf(ByteBuffer view, int from, int to, byte value) {
        boolean bigEndian = view.order() == ByteOrder.BIG_ENDIAN;
        long pattern = (value & 0xFFL) * ONES;
        int at = from;
        for (; at <= to - Long.BYTES; at += Long.BYTES) {
            // The bytes equal to value become zero; then exactly those bytes get their top bit set, without a carry
            // from one byte into the next.
            long word = view.getLong(at) ^ pattern;
            long matches = ~(((word & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | word | LOW_SEVEN_BITS);
            if (matches != 0) {
                return at
                        + (bigEndian ? Long.numberOfLeadingZeros(matches) : Long.numberOfTrailingZeros(matches))
                                / Byte.SIZE;
            }
        }
        for (; at < to; at++) {
            if (view.get(at) == value) {
                return at;
            }
        }
        return -1;
    }

    /**
     * True when the bytes from {@code from} to {@code to} start with {@code lowerCasePrefix}, in any case. This runs
     * for every header name of every request and answer on both tunnel ends, so the bytes are read from the buffer's
     * view of its memory, not through a bounds-checked call per byte (1.8 % of the connector's CPU on 50
     * connections that way, 1.0 % this way).
     */
    public static boolean startsWith(ByteBuf bytes, int from, int to, CharSequence lowerCasePrefix) {
        int length = lowerCasePrefix.length();
        if (to - from < length) {
            return false;
        }
        ByteBuffer view = inOnePiece(bytes, from, length);
        if (view != null) {
            int offset = view.position();
            for (int i = 0; i < length; i++) {
                if (lowerCase(view.get(offset + i)) != lowerCasePrefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < length; i++) {
            if (lowerCase(bytes.getByte(from + i)) != lowerCasePrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** Space, tab, or the line end's CR or LF: what surrounds a header's value. */
    public static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /**
     * The {@code Content-Length} value from {@code from} to {@code to}: digits, with nothing but blanks around them.
     *
     * @throws DecoderException when it is not such a number, or too large
     */
    public static long contentLength(ByteBuf head, int from, int to) {
        int first = from;
        while (first < to && isBlank(head.getByte(first))) {
            first++;
        }
        int end = to;
        while (end > first && isBlank(head.getByte(end - 1))) {
            end--;
        }
        if (first == end) {
            throw new DecoderException("an empty Content-Length");
        }
        long value = 0;
        for (int i = first; i < end; i++) {
            byte b = head.getByte(i);
            if (b < '0' || b > '9') {
                throw new DecoderException("a Content-Length that is not a number");
            }
            int digit = b - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw new DecoderException("a Content-Length that is too large");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** True when the last coding of the {@code Transfer-Encoding} value from {@code from} to {@code to} is chunked. */
    public static boolean endsWithChunked(ByteBuf head, int from, int to) {
        int last = to - 1;
        while (last >= from && isBlank(head.getByte(last))) {
            last--;
        }
        int first = last - CHUNKED.length() + 1;
        if (first < from || (first > from && !isBlank(head.getByte(first - 1)) && head.getByte(first - 1) != ',')) {
            return false;
        }
        return isName(head, first, last + 1, CHUNKED);
    }

    private static final String CHUNKED = "chunked";

    /** The line that says a body comes in chunks, as a forwarder writes it. */
    public static final byte[] CHUNKED_LINE = "transfer-encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SEPARATOR = {':', ' '};
    private static final byte[] HTTP_11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Writes an HTTP/1.1 request line. */
    public static void writeRequestLine(ByteBuf out, CharSequence method, CharSequence target) {
        ByteBufUtil.writeAscii(out, method);
        out.writeByte(' ');
        ByteBufUtil.writeAscii(out, target);
        out.writeBytes(HTTP_11);
    }

    /** Writes a header line; the characters of {@code value} up to U+00FF go as the bytes they are (ISO-8859-1). */
    public static void writeHeader(ByteBuf out, CharSequence name, CharSequence value) {
        ByteBufUtil.writeAscii(out, name);
        out.writeBytes(SEPARATOR);
        ByteBufUtil.writeAscii(out, value);
        out.writeBytes(CRLF);
    }

    /**
     * Writes the two lines with which a forwarded request asks to switch to {@code protocols}: {@code Upgrade}, and
     * {@code Connection} naming it (both are hop-by-hop, so a forwarder that keeps an upgrade writes them anew).
     */
    public static void writeUpgrade(ByteBuf out, CharSequence protocols) {
        writeHeader(out, HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE);
        writeHeader(out, HttpHeaderNames.UPGRADE, protocols);
    }

    /** Writes the empty line that ends a head. */
    public static ByteBuf writeEnd(ByteBuf out) {
        return out.writeBytes(CRLF);
    }
}
