package io.mooring.connector.forward;

import io.netty.channel.ChannelHandler;

/** The per-stream handlers of forwarded traffic. */
public final class StreamHandlers {
    private StreamHandlers() {}

    public static ChannelHandler http(Forwarding forwarding) {
        return new HttpExchange(forwarding);
    }

    public static ChannelHandler tcp(Forwarding forwarding) {
        return new TcpExchange(forwarding);
    }
}
