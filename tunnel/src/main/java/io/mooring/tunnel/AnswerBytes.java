package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

/**
 * Answers that pass through a tunnel end as bytes ({@link AnswerFramer}) are framed already: they are written past
 * the HTTP encoder that only the end's own answers (its problems) go through.
 */
public final class AnswerBytes {
    private AnswerBytes() {}

    /**
     * Writes {@code bytes} from {@code encoder}'s place in the pipeline towards the socket, bypassing the encoder;
     * empty bytes, or bytes for a pipeline without that encoder (being torn down), are released.
     */
    public static void writePast(@Nullable ChannelHandlerContext encoder, ByteBuf bytes) {
        if (encoder == null || !bytes.isReadable()) {
            bytes.release();
            return;
        }
        encoder.write(bytes, encoder.voidPromise());
    }
}
