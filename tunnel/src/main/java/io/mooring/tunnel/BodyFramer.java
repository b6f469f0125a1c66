package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderException;

/**
 * Finds where an HTTP/1.1 message body ends without decoding it: by its length, or by its chunk framing (sizes,
 * extensions, the last chunk and the trailer section), or never, for a body that lasts until the connection closes.
 * The bytes are only looked at, so that they can be passed on as they came.
 */
public final class BodyFramer {
    private enum State {
        FIXED,
        CHUNK_SIZE,
        CHUNK_EXTENSION,
        CHUNK_DATA,
        CHUNK_DATA_END,
        TRAILER_LINE_START,
        TRAILER_LINE,
        TRAILER_END,
        UNTIL_CLOSE,
        DONE
    }

    private State state = State.DONE;
    private long remaining;
    private boolean chunkSizeSeen;

    /** The next body has {@code length} bytes. */
    public void fixed(long length) {
        state = length == 0 ? State.DONE : State.FIXED;
        remaining = length;
    }

    /** The next body comes in chunks. */
    public void chunked() {
        state = State.CHUNK_SIZE;
        remaining = 0;
        chunkSizeSeen = false;
    }

    /** The next body lasts until the connection closes. */
    public void untilClose() {
        state = State.UNTIL_CLOSE;
    }

    /** True while the body is one that lasts until the connection closes. */
    public boolean lastsUntilClose() {
        return state == State.UNTIL_CLOSE;
    }

    /** True once the body has ended (and before a body has been announced). */
    public boolean done() {
        return state == State.DONE;
    }

    /**
     * Reads the body's bytes from {@code from} up to {@code to} in {@code in}, without moving its indices, and returns
     * where the body stopped: {@code to}, or where it ended ({@link #done()} is then true).
     *
     * @throws DecoderException when the chunk framing is malformed
     */
    public int scan(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to && state != State.DONE) {
            switch (state) {
                case UNTIL_CLOSE -> i = to;
                case FIXED, CHUNK_DATA -> {
                    int run = (int) Math.min(remaining, to - i);
                    i += run;
                    remaining -= run;
                    if (remaining == 0) {
                        state = state == State.FIXED ? State.DONE : State.CHUNK_DATA_END;
                    }
                }
                case CHUNK_SIZE -> chunkSize(in.getByte(i++));
                case CHUNK_EXTENSION -> {
                    if (in.getByte(i++) == '\n') {
                        endChunkSize();
                    }
                }
                case CHUNK_DATA_END -> {
                    byte b = in.getByte(i++);
                    if (b == '\n') {
                        chunked();
                    } else if (b != '\r') {
                        throw new DecoderException("a chunk's data is longer than its size says");
                    }
                }
                case TRAILER_LINE_START -> {
                    byte b = in.getByte(i++);
                    state = b == '\n' ? State.DONE : b == '\r' ? State.TRAILER_END : State.TRAILER_LINE;
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
                    state = State.DONE;
                }
                case DONE -> throw new IllegalStateException();
            }
        }
        return i;
    }

    private void chunkSize(byte b) {
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
    }

    private void endChunkSize() {
        if (!chunkSizeSeen) {
            throw new DecoderException("a chunk without a size");
        }
        state = remaining == 0 ? State.TRAILER_LINE_START : State.CHUNK_DATA;
    }
}
