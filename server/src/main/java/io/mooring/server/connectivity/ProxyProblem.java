package io.mooring.server.connectivity;

import io.mooring.tunnel.RequestRefusal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The problems the connectivity proxy answers itself, as RFC 9457 problem+json. */
enum ProxyProblem {
    MALFORMED_REQUEST(HttpResponseStatus.BAD_REQUEST, "malformed-request", "Malformed request"),
    PROXY_AUTHENTICATION_REQUIRED(
            HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED,
            "proxy-authentication-required",
            "Proxy authentication required"),
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri-too-long", "Request line too long"),
    HEADER_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header-too-large", "Header line too long"),
    CONNECTOR_UNAVAILABLE(HttpResponseStatus.BAD_GATEWAY, "connector-unavailable", "No connector reachable");

    private static final String PREFIX = "urn:mooring:problem:";

    /** The problem of a request the proxy could not read. */
    static ProxyProblem of(RequestRefusal.Reason reason) {
        return switch (reason) {
            case MALFORMED -> MALFORMED_REQUEST;
            case REQUEST_LINE_TOO_LONG -> URI_TOO_LONG;
            case HEADER_LINE_TOO_LONG, HEAD_TOO_LARGE -> HEADER_TOO_LARGE;
        };
    }

    private final HttpResponseStatus status;
    private final String type;
    private final String title;

    ProxyProblem(HttpResponseStatus status, String type, String title) {
        this.status = status;
        this.type = PREFIX + type;
        this.title = title;
    }

    /**
     * A complete answer that closes the client's connection once written; to a {@code HEAD} request ({@code head}) the
     * same head without the body.
     */
    FullHttpResponse response(ByteBufAllocator allocator, String detail, boolean head) {
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.code()
                + ",\"detail\":\"" + escape(detail) + "\"}";
        ByteBuf content = ByteBufUtil.writeUtf8(allocator, body);
        int length = content.readableBytes();
        if (head) {
            content.clear();
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (this == PROXY_AUTHENTICATION_REQUIRED) {
            response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Bearer realm=\"Mooring connectivity\"");
        }
        return response;
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
