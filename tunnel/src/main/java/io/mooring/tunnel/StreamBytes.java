package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns a tunnel stream into a byte stream, so that HTTP/1.1 codecs can sit on it: the bytes of inbound DATA frames
 * go up the pipeline, outbound bytes leave as DATA frames. HEADERS frames only open a stream; one that answers with
 * anything but {@code 200} closes it, and so does an end of stream (neither side half-closes an HTTP lane).
 */
public final class StreamBytes extends ChannelDuplexHandler {
    private static final String OK = "200";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            boolean end = data.isEndStream();
            ByteBuf bytes = data.content();
            if (bytes.isReadable()) {
                ctx.fireChannelRead(bytes.retain());
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

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            if (!bytes.isReadable()) {
                bytes.release();
                promise.trySuccess();
                return;
            }
            ctx.write(new DefaultHttp2DataFrame(bytes), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
