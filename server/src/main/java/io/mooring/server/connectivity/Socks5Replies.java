package io.mooring.server.connectivity;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.socksx.SocksVersion;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;

/** The proxy's side of a SOCKS5 handshake (RFC 1928), with the answer to SAP's authentication method 0x80. */
final class Socks5Replies {
    /** SAP's authentication message and its answer start with this version. */
    static final byte AUTHENTICATION_VERSION = 1;

    private Socks5Replies() {}

    /** The method the proxy selected from the greeting's, or {@link Socks5AuthMethod#UNACCEPTED}. */
    static ByteBuf method(ByteBufAllocator alloc, Socks5AuthMethod method) {
        return alloc.buffer(2).writeByte(SocksVersion.SOCKS5.byteValue()).writeByte(method.byteValue());
    }

    /** 0x01 0x00 when the token is a connectivity binding's and the location ID is readable, 0x01 0x01 otherwise. */
    static ByteBuf authentication(ByteBufAllocator alloc, boolean accepted) {
        return alloc.buffer(2).writeByte(AUTHENTICATION_VERSION).writeByte(accepted ? 0 : 1);
    }

    /** The answer to a request; the bound address is always 0.0.0.0:0, since the connector makes the connection. */
    static ByteBuf command(ByteBufAllocator alloc, Socks5CommandStatus status) {
        return alloc.buffer(10)
                .writeByte(SocksVersion.SOCKS5.byteValue())
                .writeByte(status.byteValue())
                .writeByte(0)
                .writeByte(Socks5AddressType.IPv4.byteValue())
                .writeInt(0)
                .writeShort(0);
    }
}
