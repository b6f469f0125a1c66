package io.mooring.connector.forward;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/** The per-stream handlers of forwarded traffic. */
public final class StreamHandlers {
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_HEADER_BLOCK_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private StreamHandlers() {}

    /** Appends what reads an HTTP lane's requests (HTTP/1.1 over the stream's bytes) and answers them in order. */
    public static void http(ChannelPipeline pipeline, Forwarding forwarding) {
        HttpDecoderConfig decoding = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BLOCK_BYTES)
                .setMaxChunkSize(MAX_CHUNK_BYTES);
        pipeline.addLast("http", new HttpServerCodec(decoding));
        pipeline.addLast("exchange", new HttpExchange(forwarding));
    }

    public static ChannelHandler tcp(Forwarding forwarding) {
        return new TcpExchange(forwarding);
    }
}
