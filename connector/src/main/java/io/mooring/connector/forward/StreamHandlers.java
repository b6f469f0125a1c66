package io.mooring.connector.forward;

import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;

/** The per-stream handlers of forwarded traffic. */
public final class StreamHandlers {
    private StreamHandlers() {}

    /** Appends what reads an HTTP lane's requests (HTTP/1.1 over the stream's bytes) and answers them in order. */
    public static void http(ChannelPipeline pipeline, Forwarding forwarding) {
        pipeline.addLast("http", new HttpServerCodec(TunnelProtocol.laneDecoding()));
        pipeline.addLast("exchange", new HttpExchange(forwarding));
    }

    public static ChannelHandler tcp(Forwarding forwarding) {
        return new TcpExchange(forwarding);
    }
}
