package io.mooring.connector.forward;

import io.mooring.connector.access.SystemMapping;
import io.mooring.tunnel.HeadBytes;
import io.mooring.tunnel.HopByHop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A back end's answer head as it goes on the lane. Usually that is the head as it came, bytes untouched; it is
 * written anew only when something in it must change: hop-by-hop headers go (those that {@code Connection} names
 * too; {@code Transfer-Encoding} stays, it frames the body on the lane as well), a {@code Location} that points at
 * the internal host points at the virtual one, a {@code Content-Length} beside chunks goes (the chunks frame the
 * body), and an answer that lasts until the back end closes gets chunked framing.
 *
 * @param head the head for the lane
 * @param keepAlive whether the back end keeps its connection after this answer
 */
record LaneAnswerHead(ByteBuf head, boolean keepAlive) {
    private static final String LOCATION = "location";
    private static final String CONTENT_LENGTH = "content-length";
    private static final String TRANSFER_ENCODING = "transfer-encoding";
    private static final String CONNECTION = "connection";

    /**
     * The lane's head for {@code head} (which it takes over): {@code untilClose} when neither a length nor chunks frame
     * the body, {@code mapping} the system mapping whose back end answered.
     */
    static LaneAnswerHead of(
            ByteBuf head, boolean untilClose, @Nullable SystemMapping mapping, ByteBufAllocator allocator) {
        int start = head.readerIndex();
        int end = head.writerIndex();
        int statusLineEnd = head.indexOf(start, end, (byte) '\n') + 1;
        boolean http10 = HeadBytes.startsWith(head, start, statusLineEnd, "http/1.0");
        String connection = null;
        boolean rewrite = untilClose;
        boolean contentLength = false;
        boolean transferEncoding = false;
        for (int line = statusLineEnd; line < end; ) {
            int lineEnd = head.indexOf(line, end, (byte) '\n') + 1;
            int colon = head.indexOf(line, lineEnd, (byte) ':');
            if (colon > line) {
                if (HeadBytes.isName(head, line, colon, CONNECTION)) {
                    String value = value(head, colon, lineEnd);
                    connection = connection == null ? value : connection + "," + value;
                    rewrite = true;
                } else if (HeadBytes.isName(head, line, colon, TRANSFER_ENCODING)) {
                    transferEncoding = true;
                } else if (HeadBytes.isName(head, line, colon, CONTENT_LENGTH)) {
                    contentLength = true;
                } else if (HopByHop.isHopByHop(head, line, colon) || HeadBytes.isName(head, line, colon, LOCATION)) {
                    rewrite = true;
                }
            }
            line = lineEnd;
        }
        boolean keepAlive = !untilClose && HopByHop.keepsAlive(http10, connection);
        if (!rewrite && !(contentLength && transferEncoding)) {
            return new LaneAnswerHead(head, keepAlive);
        }
        ByteBuf lane = allocator.buffer(end - start + HeadBytes.CHUNKED_LINE.length + 64);
        lane.writeBytes(head, start, statusLineEnd - start);
        for (int line = statusLineEnd; line < end; ) {
            int lineEnd = head.indexOf(line, end, (byte) '\n') + 1;
            int colon = head.indexOf(line, lineEnd, (byte) ':');
            if (colon > line) {
                if (mapping != null && HeadBytes.isName(head, line, colon, LOCATION)) {
                    String location = Redirects.toVirtual(value(head, colon, lineEnd), mapping);
                    lane.writeCharSequence("location: " + location + "\r\n", StandardCharsets.ISO_8859_1);
                } else if (keeps(head, line, colon, connection, transferEncoding)) {
                    lane.writeBytes(head, line, lineEnd - line);
                }
            }
            line = lineEnd;
        }
        if (untilClose) {
            lane.writeBytes(HeadBytes.CHUNKED_LINE);
        }
        lane.writeByte('\r').writeByte('\n');
        head.release();
        return new LaneAnswerHead(lane, keepAlive);
    }

    private static boolean keeps(
            ByteBuf head, int line, int colon, @Nullable String connection, boolean transferEncoding) {
        if (HeadBytes.isName(head, line, colon, TRANSFER_ENCODING)) {
            return true;
        }
        if (transferEncoding && HeadBytes.isName(head, line, colon, CONTENT_LENGTH)) {
            return false;
        }
        if (HopByHop.isHopByHop(head, line, colon)) {
            return false;
        }
        return connection == null || !HopByHop.listed(connection, head, line, colon);
    }

    /** The value after {@code colon} up to the line's end, without the surrounding blanks. */
    private static String value(ByteBuf head, int colon, int lineEnd) {
        int from = colon + 1;
        int to = lineEnd;
        while (to > from && HeadBytes.isBlank(head.getByte(to - 1))) {
            to--;
        }
        while (from < to && HeadBytes.isBlank(head.getByte(from))) {
            from++;
        }
        return head.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }
}
