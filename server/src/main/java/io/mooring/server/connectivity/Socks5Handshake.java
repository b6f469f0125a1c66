package io.mooring.server.connectivity;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.socksx.SocksVersion;
import io.netty.handler.codec.socksx.v5.Socks5AddressDecoder;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The start of a SOCKS5 connection, SAP's way: the greeting must offer authentication method 0x80, whose message
 * carries the token of a connectivity binding and the base64 location ID; then one CONNECT request names a virtual
 * host and port. Once the subaccount's connector is found the connection goes on as a {@link Socks5Relay}; a
 * refusal is answered as RFC 1928 says, and the connection closed. Every length is bounded before anything waits
 * for it.
 */
final class Socks5Handshake extends ByteToMessageDecoder {
    private static final Logger LOG = System.getLogger(Socks5Handshake.class.getName());

    static final Socks5AuthMethod SAP_AUTHENTICATION = new Socks5AuthMethod(0x80, "SAP_CONNECTIVITY");

    /** The longest token accepted; connectivity tokens are a few KiB. */
    static final int MAX_TOKEN_BYTES = 16 * 1024;

    /** An application that has not finished the handshake by then is gone or stuck. */
    private static final long HANDSHAKE_TIMEOUT_SECONDS = 30;

    private enum Stage {
        GREETING,
        AUTHENTICATION,
        REQUEST,
        REFUSED
    }

    private final ProxyAuthorization authorization;
    private final ConnectorSessions sessions;
    private Stage stage = Stage.GREETING;
    private @Nullable ConnectorKey connector;
    private @Nullable ScheduledFuture<?> timeout;

    Socks5Handshake(ProxyAuthorization authorization, ConnectorSessions sessions) {
        this.authorization = authorization;
        this.sessions = sessions;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Runnable giveUp = ctx::close;
        timeout = ctx.executor().schedule(giveUp, HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        ScheduledFuture<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        switch (stage) {
            case GREETING -> greeting(ctx, in);
            case AUTHENTICATION -> authentication(ctx, in);
            case REQUEST -> request(ctx, in);
            case REFUSED -> in.skipBytes(in.readableBytes());
        }
    }

    /** Version 5, the number of methods, the methods. */
    private void greeting(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 2) {
            return;
        }
        if (in.getByte(in.readerIndex()) != SocksVersion.SOCKS5.byteValue()) {
            refuse(ctx, null, "not SOCKS5");
            return;
        }
        int methods = in.getUnsignedByte(in.readerIndex() + 1);
        if (in.readableBytes() < 2 + methods) {
            return;
        }
        in.skipBytes(2);
        boolean offered = false;
        for (int i = 0; i < methods; i++) {
            offered |= in.readByte() == SAP_AUTHENTICATION.byteValue();
        }
        if (!offered) {
            refuse(ctx, Socks5Replies.method(ctx.alloc(), Socks5AuthMethod.UNACCEPTED), "method 0x80 not offered");
            return;
        }
        ctx.writeAndFlush(Socks5Replies.method(ctx.alloc(), SAP_AUTHENTICATION));
        stage = Stage.AUTHENTICATION;
    }

    /** Version 1, the token's length (4 bytes, big endian), the token, the location ID's length (1 byte), the ID. */
    private void authentication(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 5) {
            return;
        }
        int start = in.readerIndex();
        long tokenLength = in.getUnsignedInt(start + 1);
        if (in.getByte(start) != Socks5Replies.AUTHENTICATION_VERSION
                || tokenLength == 0
                || tokenLength > MAX_TOKEN_BYTES) {
            refuse(ctx, Socks5Replies.authentication(ctx.alloc(), false), "malformed authentication");
            return;
        }
        int locationAt = 5 + (int) tokenLength;
        if (in.readableBytes() < locationAt + 1) {
            return;
        }
        int locationLength = in.getUnsignedByte(start + locationAt);
        if (in.readableBytes() < locationAt + 1 + locationLength) {
            return;
        }
        String token = in.toString(start + 5, (int) tokenLength, StandardCharsets.US_ASCII);
        String location = location(in.toString(start + locationAt + 1, locationLength, StandardCharsets.US_ASCII));
        in.skipBytes(locationAt + 1 + locationLength);
        UUID subaccount =
                authorization.connectivitySubaccount("Bearer " + token).orElse(null);
        if (subaccount == null || location == null) {
            refuse(
                    ctx,
                    Socks5Replies.authentication(ctx.alloc(), false),
                    subaccount == null ? "no valid connectivity token" : "location ID not base64");
            return;
        }
        connector = new ConnectorKey(subaccount, location);
        ctx.writeAndFlush(Socks5Replies.authentication(ctx.alloc(), true));
        stage = Stage.REQUEST;
    }

    private static @Nullable String location(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** Version 5, the command, a reserved byte, the address type, the address, the port (2 bytes). */
    private void request(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.readableBytes() < 5) {
            return;
        }
        int start = in.readerIndex();
        if (in.getByte(start) != SocksVersion.SOCKS5.byteValue()) {
            refuse(ctx, null, "not SOCKS5");
            return;
        }
        Socks5AddressType type = Socks5AddressType.valueOf(in.getByte(start + 3));
        int addressLength = addressLength(type, in.getUnsignedByte(start + 4));
        if (addressLength < 0) {
            refuse(ctx, reply(ctx, Socks5CommandStatus.ADDRESS_UNSUPPORTED), "unknown address type");
            return;
        }
        if (in.readableBytes() < 4 + addressLength + 2) {
            return;
        }
        Socks5CommandType command = Socks5CommandType.valueOf(in.getByte(start + 1));
        in.skipBytes(4);
        String host = Socks5AddressDecoder.DEFAULT.decodeAddress(type, in);
        int port = in.readUnsignedShort();
        if (command != Socks5CommandType.CONNECT) {
            refuse(ctx, reply(ctx, Socks5CommandStatus.COMMAND_UNSUPPORTED), "command " + command);
        } else if (type == Socks5AddressType.DOMAIN && !isHostName(host)) {
            refuse(ctx, reply(ctx, Socks5CommandStatus.ADDRESS_UNSUPPORTED), "not a host name");
        } else {
            connect(ctx, type == Socks5AddressType.IPv6 ? "[" + host + "]:" + port : host + ":" + port);
        }
    }

    private static int addressLength(Socks5AddressType type, int firstByte) {
        if (type == Socks5AddressType.IPv4) {
            return 4;
        }
        if (type == Socks5AddressType.IPv6) {
            return 16;
        }
        return type == Socks5AddressType.DOMAIN ? 1 + firstByte : -1;
    }

    /** Virtual hosts are names or addresses; anything else could not be an HTTP/2 authority. */
    private static boolean isHostName(String host) {
        return Characters.onlyAlphanumericOr(host, ".-_");
    }

    private void connect(ChannelHandlerContext ctx, String authority) {
        ConnectorKey key = requireNonNull(connector, "connector");
        TunnelConnection connection = sessions.pick(key, ctx.channel().eventLoop());
        if (connection == null) {
            refuse(ctx, reply(ctx, Socks5CommandStatus.NETWORK_UNREACHABLE), "no connector connected for " + key);
            return;
        }
        // Bytes the application sent early wait in the relay until the connector has answered; read no more.
        ctx.channel().config().setAutoRead(false);
        Socks5Relay relay = new Socks5Relay(ctx.channel(), authority);
        ctx.pipeline().replace(this, "socks5-relay", relay);
        relay.start(connection);
    }

    private static ByteBuf reply(ChannelHandlerContext ctx, Socks5CommandStatus status) {
        return Socks5Replies.command(ctx.alloc(), status);
    }

    private void refuse(ChannelHandlerContext ctx, @Nullable ByteBuf reply, String why) {
        stage = Stage.REFUSED;
        LOG.log(
                Level.DEBUG,
                "SOCKS5 connection from {0} refused: {1}",
                ctx.channel().remoteAddress(),
                why);
        if (reply == null) {
            ctx.close();
        } else {
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        super.userEventTriggered(ctx, event);
        if (event instanceof ChannelInputShutdownEvent && !ctx.isRemoved()) {
            // The rest of the handshake cannot come any more.
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
