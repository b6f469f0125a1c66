package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * The head of an answer on a lane, status line to the empty line, as the connector sent it ({@link AnswerFramer}).
 * An interim head ({@code 1xx}) is followed by the answer's final one.
 */
public final class AnswerHead extends DefaultByteBufHolder {
    private final boolean interim;

    AnswerHead(ByteBuf bytes, boolean interim) {
        super(bytes);
        this.interim = interim;
    }

    public boolean interim() {
        return interim;
    }
}
