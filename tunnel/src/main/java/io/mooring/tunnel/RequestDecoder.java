package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads HTTP/1.1 requests without decoding them into objects: each request goes up as its {@link RequestHead}, then
 * its body's bytes as they came (chunk framing included), then {@link RequestEnd}. Only the request line and the
 * framing headers are read; the other header lines are checked and left where they lie, for the reader to pass on.
 *
 * <p>The checks are those of RFC 9112 that keep a request from being read two ways: a request line of method, target
 * without spaces, and version 1.1 or 1.0; header names that are tokens, with no space before the colon and no folded
 * lines; one {@code Content-Length}, which is digits only, and never both it and {@code Transfer-Encoding}, whose last
 * coding must be chunked (and which HTTP/1.0 does not have). {@link #checked} also refuses control characters in
 * header values, except in the headers it is told to leave alone. A request line or header line longer than the
 * limit, or a longer head, is refused too. A request that fails goes up as a {@link RequestRefusal}, and nothing after
 * it is read.
 */
public final class RequestDecoder extends ByteToMessageDecoder {
    private final int maxLineBytes;
    private final int maxHeadBytes;
    private final boolean checkValues;
    private final List<String> unchecked;
    private final HeadScan scan = new HeadScan();
    private final BodyFramer body = new BodyFramer();
    private boolean inBody;
    private boolean refused;
    private boolean passThrough;

    private RequestDecoder(int maxLineBytes, int maxHeadBytes, boolean checkValues, List<String> unchecked) {
        this.maxLineBytes = maxLineBytes;
        this.maxHeadBytes = maxHeadBytes;
        this.checkValues = checkValues;
        this.unchecked = List.copyOf(unchecked);
    }

    /**
     * For requests from outside: header values must be visible characters, spaces and tabs, except in the headers
     * named in {@code unchecked} (lower case), which their reader checks itself.
     */
    public static RequestDecoder checked(int maxLineBytes, int maxHeadBytes, List<String> unchecked) {
        return new RequestDecoder(maxLineBytes, maxHeadBytes, true, unchecked);
    }

    /** For requests that were checked where they entered (a lane's): header values are not scanned again. */
    public static RequestDecoder trusted(int maxLineBytes, int maxHeadBytes) {
        return new RequestDecoder(maxLineBytes, maxHeadBytes, false, List.of());
    }

    /**
     * From now on every byte goes up as it came, unread: the connection switched to another protocol (a {@code 101}
     * answer to a request that asked to upgrade). Called on the channel's event loop.
     */
    public void passThrough() {
        passThrough = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (passThrough) {
            out.add(in.readRetainedSlice(in.readableBytes()));
            return;
        }
        try {
            while (in.isReadable() && !refused) {
                if (inBody) {
                    readBody(in, out);
                } else if (!readHead(in, out)) {
                    break;
                }
            }
        } catch (DecoderException malformed) {
            refuse(
                    out,
                    RequestRefusal.Reason.MALFORMED,
                    "The request is not valid HTTP/1.1: " + malformed.getMessage() + ".");
        }
        if (refused) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void readBody(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int stop = body.scan(in, start, in.writerIndex());
        if (stop > start) {
            out.add(in.readRetainedSlice(stop - start));
        }
        if (body.done()) {
            inBody = false;
            out.add(RequestEnd.INSTANCE);
        }
    }

    /** Reads a head if all of it is there; false when more bytes are needed. */
    private boolean readHead(ByteBuf in, List<Object> out) {
        if (scan.lineStart == 0) {
            // Empty lines before a request line are skipped (RFC 9112 §2.2).
            while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
                in.skipBytes(1);
            }
            if (!in.isReadable()) {
                return false;
            }
        }
        int start = in.readerIndex();
        int stop = scan.emptyLine(in, start, maxLineBytes, maxHeadBytes);
        if (stop < 0) {
            return false;
        }
        if (scan.tooLong != null) {
            refuse(out, scan.tooLong, tooLongDetail(scan.tooLong, in, start + scan.lineStart));
            return false;
        }
        ByteBuf head = in.readRetainedSlice(stop + 1 - start);
        RequestHead request;
        try {
            request = parse(head, scan.lineFeeds, scan.lines);
        } catch (RuntimeException malformed) {
            head.release();
            throw malformed;
        }
        scan.reset();
        out.add(request);
        if (request.chunked()) {
            body.chunked();
        } else {
            body.fixed(request.contentLength());
        }
        if (body.done()) {
            out.add(RequestEnd.INSTANCE);
        } else {
            inBody = true;
        }
        return true;
    }

    /** Reads a head whose lines end at {@code lineFeeds}, the last of them the empty line. */
    private RequestHead parse(ByteBuf head, int[] lineFeeds, int lines) {
        int start = head.readerIndex();
        int lineEnd = start + lineFeeds[0];
        int contentEnd = withoutCarriageReturn(head, start, lineEnd);
        int firstSpace = head.indexOf(start, contentEnd, (byte) ' ');
        int lastSpace = lastSpace(head, start, contentEnd);
        if (firstSpace <= start
                || lastSpace <= firstSpace + 1
                || head.indexOf(firstSpace + 1, lastSpace, (byte) ' ') >= 0) {
            throw new DecoderException("the request line is not 'METHOD target HTTP/1.1'");
        }
        for (int i = start; i < firstSpace; i++) {
            if (!isTokenCharacter(head.getByte(i))) {
                throw new DecoderException("the method is not a token");
            }
        }
        String version = head.toString(lastSpace + 1, contentEnd - lastSpace - 1, StandardCharsets.US_ASCII);
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new DecoderException("the version is not HTTP/1.1 or HTTP/1.0");
        }
        RequestHead request = new RequestHead(
                head,
                head.toString(start, firstSpace - start, StandardCharsets.US_ASCII),
                head.toString(firstSpace + 1, lastSpace - firstSpace - 1, StandardCharsets.ISO_8859_1),
                version.equals("HTTP/1.0"));
        for (int i = 1; i < lines - 1; i++) {
            int line = lineEnd + 1;
            lineEnd = start + lineFeeds[i];
            header(request, head, line, withoutCarriageReturn(head, line, lineEnd), lineEnd + 1);
        }
        if (request.hasTransferEncoding()) {
            if (request.hasContentLength()) {
                throw new DecoderException(
                        "a request framed both by Content-Length and by Transfer-Encoding; send one of them");
            }
            if (request.http10() || !request.chunked()) {
                throw new DecoderException("a Transfer-Encoding whose last coding is not chunked, or in HTTP/1.0");
            }
        }
        return request;
    }

    private void header(RequestHead request, ByteBuf head, int line, int contentEnd, int nextLine) {
        byte first = head.getByte(line);
        if (first == ' ' || first == '\t') {
            throw new DecoderException("a folded header line; send each header on one line");
        }
        int colon = head.indexOf(line, contentEnd, (byte) ':');
        if (colon < 0) {
            throw new DecoderException("a header line without a colon");
        }
        for (int i = line; i < colon; i++) {
            if (!isTokenCharacter(head.getByte(i))) {
                throw new DecoderException("the header name '"
                        + head.toString(line, colon - line, StandardCharsets.ISO_8859_1) + "' is not a token");
            }
        }
        if (colon == line) {
            throw new DecoderException("a header line without a name");
        }
        int valueStart = colon + 1;
        while (valueStart < contentEnd && isBlank(head.getByte(valueStart))) {
            valueStart++;
        }
        int valueEnd = contentEnd;
        while (valueEnd > valueStart && isBlank(head.getByte(valueEnd - 1))) {
            valueEnd--;
        }
        if (checkValues && !isUnchecked(head, line, colon)) {
            for (int i = valueStart; i < valueEnd; i++) {
                int b = head.getUnsignedByte(i);
                if ((b < ' ' && b != '\t') || b == 0x7f) {
                    throw new DecoderException("the value of header "
                            + head.toString(line, colon - line, StandardCharsets.ISO_8859_1)
                            + " holds a control character; header values must be visible characters, spaces and tabs");
                }
            }
        }
        request.header(line, colon, valueStart, valueEnd, nextLine);
    }

    private boolean isUnchecked(ByteBuf head, int from, int to) {
        for (String name : unchecked) {
            if (HeadBytes.isName(head, from, to, name)) {
                return true;
            }
        }
        return false;
    }

    /** Where a line's content ends: before its carriage return, if it has one. */
    private static int withoutCarriageReturn(ByteBuf head, int line, int lineEnd) {
        return lineEnd > line && head.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
    }

    private static int lastSpace(ByteBuf head, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (head.getByte(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** Optional whitespace around a value; a carriage return left in one is not, and is refused as a control character. */
    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    /** RFC 9110 §5.6.2: letters, digits and {@code !#$%&'*+-.^_`|~}. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private static boolean isTokenCharacter(byte b) {
        return b > 0 && TOKEN[b];
    }

    private String tooLongDetail(RequestRefusal.Reason what, ByteBuf in, int lineStart) {
        if (what == RequestRefusal.Reason.REQUEST_LINE_TOO_LONG) {
            return "The request line is longer than " + maxLineBytes + " bytes; shorten the URL.";
        }
        int colon = in.indexOf(lineStart, Math.min(in.writerIndex(), lineStart + 256), (byte) ':');
        if (what == RequestRefusal.Reason.HEAD_TOO_LARGE || colon < 0) {
            return "The head is larger than " + maxHeadBytes / 1024 + " KiB; send fewer or shorter headers.";
        }
        return "Header " + in.toString(lineStart, colon - lineStart, StandardCharsets.ISO_8859_1) + " is longer than "
                + maxLineBytes + " bytes; each header line must fit.";
    }

    private void refuse(List<Object> out, RequestRefusal.Reason reason, String detail) {
        refused = true;
        out.add(new RequestRefusal(reason, detail));
    }

    /**
     * Finds the empty line that ends a head, line by line across the reads it arrives in, and stops at the first line
     * or head that is too long. A line's carriage return does not count towards its length.
     */
    private static final class HeadScan {
        /** Where the current line starts, from the head's start. */
        int lineStart;
        /** Where the lines so far end, from the head's start. */
        int[] lineFeeds = new int[16];

        int lines;

        RequestRefusal.@Nullable Reason tooLong;

        /**
         * The index of the line feed that ends the head starting at {@code start}, or of the byte where a line or the
         * head got too long ({@link #tooLong} then says which); -1 when more bytes are needed.
         */
        int emptyLine(ByteBuf in, int start, int maxLineBytes, int maxHeadBytes) {
            int end = in.writerIndex();
            // Where the bytes lie in one piece, lines are found in a view of them taken once for the whole head.
            ByteBuffer view = HeadBytes.inOnePiece(in, start, end - start);
            int viewOffset = view == null ? 0 : view.position() - start;
            while (true) {
                int line = start + lineStart;
                int lineFeed = lineFeed(in, view, viewOffset, line, end);
                int lineEnd = lineFeed < 0 ? end : lineFeed;
                int length = lineEnd - line;
                if (length > 0 && in.getByte(lineEnd - 1) == '\r') {
                    length--;
                }
                if (length > maxLineBytes) {
                    tooLong = lineStart == 0
                            ? RequestRefusal.Reason.REQUEST_LINE_TOO_LONG
                            : RequestRefusal.Reason.HEADER_LINE_TOO_LONG;
                    return line + maxLineBytes;
                }
                if (lineEnd - start > maxHeadBytes) {
                    tooLong = RequestRefusal.Reason.HEAD_TOO_LARGE;
                    return line;
                }
                if (lineFeed < 0) {
                    return -1;
                }
                if (lines == lineFeeds.length) {
                    lineFeeds = Arrays.copyOf(lineFeeds, lines * 2);
                }
                lineFeeds[lines++] = lineFeed - start;
                if (length == 0) {
                    return lineFeed;
                }
                lineStart = lineFeed + 1 - start;
            }
        }

        /**
         * The index in {@code in} of the first line feed from {@code from} to {@code to}, or -1; searched in {@code
         * view}, whose indices are {@code viewOffset} ahead of the buffer's, when the bytes lie in one piece.
         */
        private static int lineFeed(ByteBuf in, @Nullable ByteBuffer view, int viewOffset, int from, int to) {
            if (view == null) {
                return in.indexOf(from, to, (byte) '\n');
            }
            int found = HeadBytes.indexOf(view, from + viewOffset, to + viewOffset, (byte) '\n');
            return found < 0 ? -1 : found - viewOffset;
        }

        void reset() {
            lineStart = 0;
            lines = 0;
            tooLong = null;
        }
    }
}
