package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a tunnel stream into a byte stream, so that HTTP/1.1 codecs and the {@link AnswerFramer} can sit on it: the
 * bytes of inbound DATA frames go up the pipeline, outbound bytes leave as DATA frames. HEADERS frames only open a
 * stream; one that answers with anything but {@code 200} closes it, and so does an end of stream (neither side
 * half-closes an HTTP lane).
 *
 * <p>Small writes between two flushes (an answer's head and its short body, say) leave as one DATA frame: a frame
 * costs far more to frame, flow-control and encrypt than its few bytes cost to copy.
 */
public final class StreamBytes extends ChannelDuplexHandler {
    private static final String OK = "200";

    /** Writes up to this size are gathered into one frame; larger ones go out as they are. */
    private static final int GATHER_LIMIT = 16 * 1024;

    private final boolean contiguous;
    private @Nullable ByteBuf pending;
    private @Nullable ChannelPromise pendingPromise;
    private boolean pendingIsCopy;

    private StreamBytes(boolean contiguous) {
        this.contiguous = contiguous;
    }

    /** For a reader that needs each frame's bytes in one piece: Netty's HTTP/1.1 decoders ({@link #inOnePiece}). */
    public static StreamBytes contiguous() {
        return new StreamBytes(true);
    }

    /**
     * For a reader that takes a frame's bytes as they arrived, in one or several pieces: the {@link AnswerFramer},
     * which only slices an answer's body, so that a bulk answer reaches the application's socket without a copy.
     */
    public static StreamBytes asReceived() {
        return new StreamBytes(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            boolean end = data.isEndStream();
            ByteBuf bytes = data.content();
            if (bytes.isReadable()) {
                ctx.fireChannelRead(contiguous ? inOnePiece(ctx, bytes) : bytes.retain());
            }
            data.release();
            if (end) {
                ctx.close();
            }
            return;
        }
        if (msg instanceof Http2HeadersFrame headers) {
            CharSequence status = headers.headers().status();
            if ((status != null && !OK.contentEquals(status)) || headers.isEndStream()) {
                ctx.close();
            }
        }
        ReferenceCountUtil.release(msg);
    }

    /**
     * The frame's bytes as one buffer. A DATA frame that spanned several socket reads arrives as a composite of them
     * ({@link TunnelProtocol#frameCodec}); Netty's HTTP/1.1 decoders copy such a composite into a buffer of their own
     * through a temporary heap array, which was about a quarter of the server's CPU while it relayed 1 MiB answers.
     * One direct copy, part by part, costs a fraction of that.
     */
    private static ByteBuf inOnePiece(ChannelHandlerContext ctx, ByteBuf bytes) {
        if (bytes.isContiguous()) {
            return bytes.retain();
        }
        int size = bytes.readableBytes();
        ByteBuf copy = ctx.alloc().directBuffer(size, size);
        for (ByteBuffer part : bytes.nioBuffers()) {
            copy.writeBytes(part);
        }
        return copy;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            writePending(ctx);
            ctx.write(msg, promise);
            return;
        }
        int size = bytes.readableBytes();
        if (size == 0) {
            bytes.release();
            promise.trySuccess();
            return;
        }
        ByteBuf gathered = pending;
        if (gathered != null && gathered.readableBytes() + size <= GATHER_LIMIT) {
            if (!pendingIsCopy) {
                ByteBuf copy = ctx.alloc().buffer(gathered.readableBytes() + size, GATHER_LIMIT);
                copy.writeBytes(gathered);
                gathered.release();
                gathered = copy;
                pending = copy;
                pendingIsCopy = true;
            }
            gathered.writeBytes(bytes);
            bytes.release();
            // The bytes are taken; should the frame fail, the stream fails with it and says so.
            ChannelPromise earlier = pendingPromise;
            if (earlier != null) {
                earlier.trySuccess();
            }
            pendingPromise = promise;
            return;
        }
        writePending(ctx);
        if (size >= GATHER_LIMIT) {
            ctx.write(new DefaultHttp2DataFrame(bytes), promise);
        } else {
            pending = bytes;
            pendingPromise = promise;
            pendingIsCopy = false;
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writePending(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        writePending(ctx);
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ByteBuf gathered = pending;
        pending = null;
        if (gathered != null) {
            gathered.release();
        }
    }

    private void writePending(ChannelHandlerContext ctx) {
        ByteBuf gathered = pending;
        if (gathered == null) {
            return;
        }
        ChannelPromise promise = pendingPromise;
        pending = null;
        pendingPromise = null;
        ctx.write(new DefaultHttp2DataFrame(gathered), promise == null ? ctx.voidPromise() : promise);
    }
}
