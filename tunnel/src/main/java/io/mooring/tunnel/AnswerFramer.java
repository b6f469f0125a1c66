package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * Finds where each HTTP/1.1 answer on a lane ends without decoding it, so that the answers can be passed on as the
 * bytes they are: an answer goes up as an {@link AnswerHead}, then the rest of its bytes (body, chunk framing,
 * trailers) as they are, in as few buffers as they arrived in, then {@link AnswerEnd#INSTANCE}. Only the status
 * code, {@code Content-Length} and {@code Transfer-Encoding} are read.
 *
 * <p>The connector frames every answer it sends on a lane: by {@code Content-Length}, chunked, or without a body (an
 * answer to {@code HEAD}, {@code 204}, {@code 304}). An answer framed otherwise, or a head over
 * {@value #MAX_HEAD_BYTES} bytes, means the lane is out of step: the stream is closed. Whether the request was a
 * {@code HEAD} is told with {@link #expect} before it goes out; a lane carries one request at a time.
 *
 * <p>On the connector's connections to back ends the same framer reads the back ends' answers; there an answer with
 * neither length nor chunks lasts until the back end closes the connection ({@link #untilClose()}), and its end
 * comes when the connection does.
 */
public final class AnswerFramer extends ChannelInboundHandlerAdapter {
    /** The longest head accepted: a status line and a header block as long as the lanes' HTTP/1.1 decoders take. */
    public static final int MAX_HEAD_BYTES =
            TunnelProtocol.LANE_MAX_LINE_BYTES + TunnelProtocol.LANE_MAX_HEADER_BLOCK_BYTES;

    private enum State {
        HEAD,
        FIXED_BODY,
        CHUNK_SIZE,
        CHUNK_EXTENSION,
        CHUNK_DATA,
        CHUNK_DATA_END,
        TRAILER_LINE_START,
        TRAILER_LINE,
        TRAILER_END,
        UNTIL_CLOSE
    }

    private final boolean closeDelimitedAllowed;
    /** Looks for the empty line that ends a head, across the buffers it arrives in. */
    private final HeadScan headScan = new HeadScan();

    private State state = State.HEAD;
    private volatile boolean headRequest;
    /** The head's bytes so far when it arrived in more than one buffer. */
    private @Nullable ByteBuf partialHead;

    private long remaining;
    private boolean chunkSizeSeen;
    /** Whether the last head read frames its body in chunks. */
    private boolean chunked;

    private AnswerFramer(boolean closeDelimitedAllowed) {
        this.closeDelimitedAllowed = closeDelimitedAllowed;
    }

    /** For a lane, whose every answer is framed. */
    public static AnswerFramer framed() {
        return new AnswerFramer(false);
    }

    /** For a connection to a back end, whose answer may also last until it closes the connection. */
    public static AnswerFramer untilClose() {
        return new AnswerFramer(true);
    }

    /** The next answer is to a {@code HEAD} request (and has no body whatever its head says), or not. */
    public void expect(boolean head) {
        headRequest = head;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && ctx.channel().isActive()) {
                if (state == State.HEAD) {
                    readHead(ctx, in);
                } else {
                    readRest(ctx, in);
                }
            }
        } catch (DecoderException malformed) {
            ctx.close();
        } finally {
            in.release();
        }
    }

    private void readHead(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        // forEachByte walks a composite (a DATA frame gathered from several reads) part by part, where getByte
        // would look up the part for every byte.
        int emptyLine = in.forEachByte(start, end - start, headScan);
        int headEnd = emptyLine < 0 ? -1 : emptyLine + 1;
        ByteBuf earlier = partialHead;
        int taken = (headEnd < 0 ? end : headEnd) - start;
        if ((earlier == null ? 0 : earlier.readableBytes()) + taken > MAX_HEAD_BYTES) {
            throw new DecoderException("an answer's head is longer than " + MAX_HEAD_BYTES + " bytes");
        }
        if (headEnd < 0) {
            if (earlier == null) {
                earlier = ctx.alloc().buffer(Math.max(taken * 2, 256));
                partialHead = earlier;
            }
            earlier.writeBytes(in, taken);
            return;
        }
        ByteBuf head;
        if (earlier == null) {
            head = in.readRetainedSlice(taken);
        } else {
            earlier.writeBytes(in, taken);
            head = earlier;
            partialHead = null;
        }
        headScan.lineLength = 0;
        boolean interim;
        try {
            interim = frame(head);
        } catch (RuntimeException malformed) {
            head.release();
            throw malformed;
        }
        ctx.fireChannelRead(new AnswerHead(head, interim, chunked, state == State.UNTIL_CLOSE));
        if (state == State.HEAD && !interim) {
            ctx.fireChannelRead(AnswerEnd.INSTANCE);
        }
    }

    /** Reads the head's framing; true for an interim (1xx) answer, after which the answer's final head follows. */
    private boolean frame(ByteBuf head) {
        int status = statusCode(head);
        long contentLength = -1;
        chunked = false;
        int end = head.writerIndex();
        int line = head.indexOf(head.readerIndex(), end, (byte) '\n') + 1;
        while (line < end) {
            int lineEnd = head.indexOf(line, end, (byte) '\n');
            int colon = head.indexOf(line, lineEnd, (byte) ':');
            if (colon > line) {
                if (HeadBytes.isName(head, line, colon, CONTENT_LENGTH)) {
                    long length = number(head, colon + 1, lineEnd);
                    if (contentLength >= 0 && contentLength != length) {
                        throw new DecoderException("an answer with two different Content-Length headers");
                    }
                    contentLength = length;
                } else if (HeadBytes.isName(head, line, colon, TRANSFER_ENCODING)) {
                    chunked = endsWithChunked(head, colon + 1, lineEnd);
                }
            }
            line = lineEnd + 1;
        }
        if (status / 100 == 1) {
            return true;
        }
        if (headRequest || status == 204 || status == 304) {
            state = State.HEAD;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
            remaining = 0;
            chunkSizeSeen = false;
        } else if (contentLength > 0) {
            state = State.FIXED_BODY;
            remaining = contentLength;
        } else if (contentLength == 0) {
            state = State.HEAD;
        } else if (closeDelimitedAllowed) {
            state = State.UNTIL_CLOSE;
        } else {
            throw new DecoderException("an answer with neither Content-Length nor chunked transfer coding");
        }
        return false;
    }

    /** Passes on the bytes of the answer's rest that are in {@code in}, and its end when that is among them. */
    private void readRest(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int i = start;
        while (i < end && state != State.HEAD) {
            switch (state) {
                case UNTIL_CLOSE -> i = end;
                case FIXED_BODY, CHUNK_DATA -> {
                    int run = (int) Math.min(remaining, end - i);
                    i += run;
                    remaining -= run;
                    if (remaining == 0) {
                        state = state == State.FIXED_BODY ? State.HEAD : State.CHUNK_DATA_END;
                    }
                }
                case CHUNK_SIZE -> i = chunkSize(in, i);
                case CHUNK_EXTENSION -> {
                    if (in.getByte(i++) == '\n') {
                        endChunkSize();
                    }
                }
                case CHUNK_DATA_END -> {
                    byte b = in.getByte(i++);
                    if (b == '\n') {
                        state = State.CHUNK_SIZE;
                        remaining = 0;
                        chunkSizeSeen = false;
                    } else if (b != '\r') {
                        throw new DecoderException("a chunk's data is longer than its size says");
                    }
                }
                case TRAILER_LINE_START -> {
                    byte b = in.getByte(i++);
                    state = b == '\n' ? State.HEAD : b == '\r' ? State.TRAILER_END : State.TRAILER_LINE;
                }
                case TRAILER_LINE -> {
                    if (in.getByte(i++) == '\n') {
                        state = State.TRAILER_LINE_START;
                    }
                }
                case TRAILER_END -> {
                    if (in.getByte(i++) != '\n') {
                        throw new DecoderException("a trailer section that does not end with CRLF");
                    }
                    state = State.HEAD;
                }
                case HEAD -> throw new IllegalStateException();
            }
        }
        ctx.fireChannelRead(in.readRetainedSlice(i - start));
        if (state == State.HEAD) {
            ctx.fireChannelRead(AnswerEnd.INSTANCE);
        }
    }

    private int chunkSize(ByteBuf in, int at) {
        byte b = in.getByte(at);
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            if (remaining > (Long.MAX_VALUE >> 4)) {
                throw new DecoderException("a chunk size that is too large");
            }
            remaining = remaining * 16 + digit;
            chunkSizeSeen = true;
        } else if (b == '\n') {
            endChunkSize();
        } else if (chunkSizeSeen && (b == ';' || b == ' ' || b == '\t' || b == '\r')) {
            state = State.CHUNK_EXTENSION;
        } else {
            throw new DecoderException("a chunk size line that is not hexadecimal");
        }
        return at + 1;
    }

    private void endChunkSize() {
        if (!chunkSizeSeen) {
            throw new DecoderException("a chunk without a size");
        }
        state = remaining == 0 ? State.TRAILER_LINE_START : State.CHUNK_DATA;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ByteBuf partial = partialHead;
        partialHead = null;
        ReferenceCountUtil.release(partial);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handlerRemoved(ctx);
        if (state == State.UNTIL_CLOSE) {
            state = State.HEAD;
            ctx.fireChannelRead(AnswerEnd.INSTANCE);
        }
        super.channelInactive(ctx);
    }

    private static final String CONTENT_LENGTH = "content-length";
    private static final String TRANSFER_ENCODING = "transfer-encoding";
    private static final String CHUNKED = "chunked";

    private static int statusCode(ByteBuf head) {
        int start = head.readerIndex();
        int space = head.indexOf(start, head.writerIndex(), (byte) ' ');
        if (space < 0 || head.writerIndex() - space < 4 || head.getByte(start) != 'H') {
            throw new DecoderException("an answer that does not start with an HTTP status line");
        }
        int code = 0;
        for (int i = space + 1; i <= space + 3; i++) {
            int digit = head.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new DecoderException("an answer without a three-digit status code");
            }
            code = code * 10 + digit;
        }
        return code;
    }

    private static long number(ByteBuf head, int from, int to) {
        long value = 0;
        boolean digits = false;
        for (int i = from; i < to; i++) {
            byte b = head.getByte(i);
            if (b >= '0' && b <= '9') {
                if (value > (Long.MAX_VALUE - 9) / 10) {
                    throw new DecoderException("a Content-Length that is too large");
                }
                value = value * 10 + (b - '0');
                digits = true;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                throw new DecoderException("a Content-Length that is not a number");
            }
        }
        if (!digits) {
            throw new DecoderException("an empty Content-Length");
        }
        return value;
    }

    /** True when the last coding of a Transfer-Encoding value is {@code chunked}. */
    private static boolean endsWithChunked(ByteBuf head, int from, int to) {
        int last = to - 1;
        while (last >= from && HeadBytes.isBlank(head.getByte(last))) {
            last--;
        }
        int first = last - CHUNKED.length() + 1;
        if (first < from
                || (first > from && !HeadBytes.isBlank(head.getByte(first - 1)) && head.getByte(first - 1) != ',')) {
            return false;
        }
        return HeadBytes.isName(head, first, last + 1, CHUNKED);
    }

    /** Stops at the line feed of an empty line; a carriage return does not count towards a line's length. */
    private static final class HeadScan implements ByteProcessor {
        /** Bytes of the head's current line so far. */
        int lineLength;

        @Override
        public boolean process(byte value) {
            if (value == '\n') {
                if (lineLength == 0) {
                    return false;
                }
                lineLength = 0;
            } else if (value != '\r') {
                lineLength++;
            }
            return true;
        }
    }
}
