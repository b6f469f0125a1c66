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

    private final boolean closeDelimitedAllowed;
    /** Looks for the empty line that ends a head, across the buffers it arrives in. */
    private final HeadScan headScan = new HeadScan();

    /** Whether the next bytes are a head; if not, they are the body {@link #body} frames. */
    private boolean inHead = true;

    private final BodyFramer body = new BodyFramer();
    private volatile boolean headRequest;
    private volatile boolean upgradeRequest;
    /** Whether the last head read switched protocols. */
    private boolean switched;
    /** The head's bytes so far when it arrived in more than one buffer. */
    private @Nullable ByteBuf partialHead;
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

    /**
     * The next answer is to a {@code HEAD} request (and has no body whatever its head says), or not; and to a request
     * that asked to upgrade ({@code Upgrade}), so that a {@code 101} answer switches the connection to the new
     * protocol and its bytes then pass as they are until it closes, or not.
     */
    public void expect(boolean head, boolean upgrade) {
        headRequest = head;
        upgradeRequest = upgrade;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && ctx.channel().isActive()) {
                if (inHead) {
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
        ctx.fireChannelRead(new AnswerHead(head, interim, chunked, !inHead && body.lastsUntilClose(), switched));
        if (inHead && !interim) {
            ctx.fireChannelRead(AnswerEnd.INSTANCE);
        }
    }

    /** Reads the head's framing; true for an interim (1xx) answer, after which the answer's final head follows. */
    private boolean frame(ByteBuf head) {
        int status = statusCode(head);
        long contentLength = -1;
        chunked = false;
        switched = false;
        int end = head.writerIndex();
        int line = head.indexOf(head.readerIndex(), end, (byte) '\n') + 1;
        while (line < end) {
            int lineEnd = head.indexOf(line, end, (byte) '\n');
            int colon = head.indexOf(line, lineEnd, (byte) ':');
            if (colon > line) {
                if (HeadBytes.isName(head, line, colon, CONTENT_LENGTH)) {
                    long length = HeadBytes.contentLength(head, colon + 1, lineEnd);
                    if (contentLength >= 0 && contentLength != length) {
                        throw new DecoderException("an answer with two different Content-Length headers");
                    }
                    contentLength = length;
                } else if (HeadBytes.isName(head, line, colon, TRANSFER_ENCODING)) {
                    chunked = HeadBytes.endsWithChunked(head, colon + 1, lineEnd);
                }
            }
            line = lineEnd + 1;
        }
        if (status == 101 && upgradeRequest) {
            switched = true;
            body.untilClose();
            inHead = false;
            return false;
        }
        if (status / 100 == 1) {
            return true;
        }
        if (headRequest || status == 204 || status == 304 || (!chunked && contentLength == 0)) {
            inHead = true;
            return false;
        }
        if (chunked) {
            body.chunked();
        } else if (contentLength > 0) {
            body.fixed(contentLength);
        } else if (closeDelimitedAllowed) {
            body.untilClose();
        } else {
            throw new DecoderException("an answer with neither Content-Length nor chunked transfer coding");
        }
        inHead = false;
        return false;
    }

    /** Passes on the bytes of the answer's rest that are in {@code in}, and its end when that is among them. */
    private void readRest(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int stop = body.scan(in, start, in.writerIndex());
        ctx.fireChannelRead(in.readRetainedSlice(stop - start));
        if (body.done()) {
            inHead = true;
            ctx.fireChannelRead(AnswerEnd.INSTANCE);
        }
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
        if (!inHead && body.lastsUntilClose()) {
            inHead = true;
            body.fixed(0);
            ctx.fireChannelRead(AnswerEnd.INSTANCE);
        }
        super.channelInactive(ctx);
    }

    private static final String CONTENT_LENGTH = "content-length";
    private static final String TRANSFER_ENCODING = "transfer-encoding";

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
