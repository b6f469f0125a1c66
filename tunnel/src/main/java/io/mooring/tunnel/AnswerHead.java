package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * The head of an answer on a lane, status line to the empty line, as the connector sent it ({@link AnswerFramer}).
 * An interim head ({@code 1xx}) is followed by the answer's final one; after a {@code 101 Switching Protocols} to a
 * request that asked for it, the connection carries the new protocol's bytes until it closes.
 */
public final class AnswerHead extends DefaultByteBufHolder {
    private final boolean interim;
    private final boolean chunked;
    private final boolean untilClose;
    private final boolean switchesProtocols;

    AnswerHead(ByteBuf bytes, boolean interim, boolean chunked, boolean untilClose, boolean switchesProtocols) {
        super(bytes);
        this.interim = interim;
        this.chunked = chunked;
        this.untilClose = untilClose;
        this.switchesProtocols = switchesProtocols;
    }

    /**
     * Whether this is a {@code 101 Switching Protocols} to a request that asked to upgrade: what follows, until the
     * connection closes, is the new protocol's, in both directions.
     */
    public boolean switchesProtocols() {
        return switchesProtocols;
    }

    public boolean interim() {
        return interim;
    }

    /** Whether the body follows in chunks (the last transfer coding is {@code chunked}). */
    public boolean chunked() {
        return chunked;
    }

    /** Whether the body lasts until the connection closes: neither a length nor chunks frame it. */
    public boolean untilClose() {
        return untilClose;
    }
}
