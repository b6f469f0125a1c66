package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The head of an HTTP/1.1 request as {@link RequestDecoder} read it: the request line, the headers that frame the
 * message, and where every header line lies in the head's bytes, so that a forwarder reads the few headers it acts on
 * ({@link #value}) and passes the other lines on as the bytes they are ({@link #writeLine}) instead of decoding the
 * request into objects and encoding it again.
 *
 * <p>It holds the head's buffer: whoever takes it releases it ({@link #release}).
 */
public final class RequestHead {
    private static final int NAME = 0;
    private static final int COLON = 1;
    private static final int VALUE = 2;
    private static final int VALUE_END = 3;
    private static final int NEXT_LINE = 4;
    private static final int FIELDS = 5;

    private final ByteBuf head;
    private final String method;
    private final String target;
    private final boolean http10;
    /** Per header line: where its name starts, its colon, its value and the value's end, and the next line. */
    private int[] lines = new int[FIELDS * 8];

    private int count;
    private @Nullable String connection;
    private long contentLength = -1;
    private boolean transferEncoding;
    private boolean chunked;

    RequestHead(ByteBuf head, String method, String target, boolean http10) {
        this.head = head;
        this.method = method;
        this.target = target;
        this.http10 = http10;
    }

    /** Records a header line; the decoder has checked its name and value. */
    void header(int name, int colon, int valueStart, int valueEnd, int nextLine) {
        if (FIELDS * count == lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        int at = FIELDS * count++;
        lines[at + NAME] = name;
        lines[at + COLON] = colon;
        lines[at + VALUE] = valueStart;
        lines[at + VALUE_END] = valueEnd;
        lines[at + NEXT_LINE] = nextLine;
        if (HeadBytes.isName(head, name, colon, HttpHeaderNames.CONNECTION)) {
            String value = text(valueStart, valueEnd);
            connection = connection == null ? value : connection + "," + value;
        } else if (HeadBytes.isName(head, name, colon, HttpHeaderNames.CONTENT_LENGTH)) {
            long length = HeadBytes.contentLength(head, valueStart, valueEnd);
            if (contentLength >= 0 && contentLength != length) {
                throw new DecoderException("two different Content-Length headers");
            }
            contentLength = length;
        } else if (HeadBytes.isName(head, name, colon, HttpHeaderNames.TRANSFER_ENCODING)) {
            transferEncoding = true;
            chunked = HeadBytes.endsWithChunked(head, valueStart, valueEnd);
        }
    }

    private String text(int from, int to) {
        return head.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }

    public String method() {
        return method;
    }

    /** The request target as sent. */
    public String target() {
        return target;
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }

    public boolean http10() {
        return http10;
    }

    /** The value of the first header named {@code lowerCaseName}, without the blanks around it; null if none. */
    public @Nullable String value(CharSequence lowerCaseName) {
        int line = find(lowerCaseName);
        return line < 0 ? null : value(line);
    }

    /** The first header line named {@code lowerCaseName}, in any case; -1 if none. */
    public int find(CharSequence lowerCaseName) {
        for (int i = 0; i < count; i++) {
            if (isName(i, lowerCaseName)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of header line {@code i}, without the blanks around it. */
    public String value(int i) {
        return text(lines[FIELDS * i + VALUE], lines[FIELDS * i + VALUE_END]);
    }

    /**
     * True when the value of header line {@code i} is {@code expected}'s remaining bytes, compared where it lies: a
     * credential sent with every request is checked against the one remembered without being made into a string
     * each time.
     */
    public boolean valueIs(int i, ByteBuffer expected) {
        int from = lines[FIELDS * i + VALUE];
        int length = lines[FIELDS * i + VALUE_END] - from;
        return length == expected.remaining() && HeadBytes.regionEquals(head, from, expected);
    }

    /** How many header lines the head has. */
    public int headers() {
        return count;
    }

    /** True when header line {@code i} is named {@code lowerCaseName}, in any case. */
    public boolean isName(int i, CharSequence lowerCaseName) {
        return HeadBytes.isName(head, lines[FIELDS * i + NAME], lines[FIELDS * i + COLON], lowerCaseName);
    }

    /**
     * True when header line {@code i} belongs to this hop only: a hop-by-hop header ({@link HopByHop}) or one that
     * {@code Connection} names.
     */
    public boolean isHopByHop(int i) {
        int name = lines[FIELDS * i + NAME];
        int colon = lines[FIELDS * i + COLON];
        String options = connection;
        return HopByHop.isHopByHop(head, name, colon)
                || (options != null && HopByHop.listed(options, head, name, colon));
    }

    /** Writes header line {@code i} to {@code out} as it came, with its line end. */
    public void writeLine(int i, ByteBuf out) {
        int name = lines[FIELDS * i + NAME];
        out.writeBytes(head, name, lines[FIELDS * i + NEXT_LINE] - name);
    }

    /** The head's size in bytes. */
    public int size() {
        return head.readableBytes();
    }

    boolean hasContentLength() {
        return contentLength >= 0;
    }

    boolean hasTransferEncoding() {
        return transferEncoding;
    }

    /** Whether the body comes in chunks. */
    public boolean chunked() {
        return chunked;
    }

    /** Whether a body follows the head: in chunks, or of a length above 0. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** The body's length when it is not chunked: 0 when the head names none. */
    public long contentLength() {
        return Math.max(contentLength, 0);
    }

    /**
     * The protocol an HTTP/1.1 request without a body asks to switch to ({@code Upgrade}, named in {@code
     * Connection} as RFC 9110 §7.8 wants), such as {@code websocket}; null when it asks for none.
     */
    public @Nullable String upgrade() {
        String options = connection;
        if (http10 || hasBody() || options == null || !HopByHop.listed(options, "upgrade")) {
            return null;
        }
        String protocols = value("upgrade");
        return protocols == null || protocols.isEmpty() ? null : protocols;
    }

    /** Whether the client keeps its connection after this request: in HTTP/1.1 unless it says close. */
    public boolean keepAlive() {
        return HopByHop.keepsAlive(http10, connection);
    }

    public void release() {
        head.release();
    }
}
