package io.mooring.connector.forward;

import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;

/** The per-stream handlers of forwarded traffic. */
public final class StreamHandlers {
    /**
     * The encoder of the connector's own answers on a lane (denials, back-end failures); back ends' answers pass it by
     * as bytes.
     */
    static final String ANSWER_ENCODER = "answers";

    private StreamHandlers() {}

    /** Appends what reads an HTTP lane's requests (HTTP/1.1 over the stream's bytes) and answers them in order. */
    public static void http(ChannelPipeline pipeline, Forwarding forwarding) {
        pipeline.addLast("requests", TunnelProtocol.laneRequests());
        pipeline.addLast(ANSWER_ENCODER, new HttpResponseEncoder());
        pipeline.addLast("exchange", new HttpExchange(forwarding));
    }

    public static ChannelHandler tcp(Forwarding forwarding) {
        return new TcpExchange(forwarding);
    }
}
