package io.mooring.server.connectivity;

import io.mooring.tunnel.AnswerBytes;
import io.mooring.tunnel.RequestDecoder;
import io.mooring.tunnel.RequestEnd;
import io.mooring.tunnel.RequestHead;
import io.mooring.tunnel.RequestRefusal;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One application connection to the HTTP proxy: checks each request (form, size, credentials), finds the connector
 * of the subaccount and location, and hands the request to a {@link ProxiedExchange} on the connection's
 * {@link TunnelLane} to that connector. Requests are answered in order; a pipelined request waits until the one
 * before it has been answered.
 */
final class HttpProxyFrontend extends ChannelInboundHandlerAdapter {
    static final String LOCATION_ID_HEADER = "sap-connectivity-scc-location_id";
    static final String AUTHENTICATION_HEADER = "sap-connectivity-authentication";

    private static final String HTTP_SCHEME = "http://";
    private static final String HTTPS_SCHEME = "https://";
    /** The interim answer to {@code Expect: 100-continue}, sent once the request may go on. */
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final String NO_HTTPS =
            "The connectivity proxy forwards http:// URLs only (SAP's proxy does the same): address the virtual host "
                    + "with http://; the connector's system mapping decides whether it speaks HTTPS to the back end.";

    private final ProxyAuthorization authorization;
    private final ConnectionCredential credential;
    private final ConnectorSessions sessions;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private @Nullable ChannelHandlerContext context;
    private @Nullable ChannelHandlerContext answerOut;
    private @Nullable ProxiedExchange exchange;
    private @Nullable TunnelLane lane;
    private boolean rejected;

    HttpProxyFrontend(ProxyAuthorization authorization, ConnectorSessions sessions) {
        this.authorization = authorization;
        this.credential = new ConnectionCredential(authorization);
        this.sessions = sessions;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        answerOut = ctx.pipeline().context(ConnectivityProxy.RESPONSE_ENCODER);
    }

    /**
     * Writes bytes of a connector's answer past the response encoder, which only this proxy's own answers go through:
     * the connector has framed them already.
     */
    void writeAnswer(ByteBuf bytes) {
        AnswerBytes.writePast(answerOut, bytes);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            release(msg);
            return;
        }
        ProxiedExchange current = exchange;
        if (current != null && current.requestComplete()) {
            waiting.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        if (msg instanceof RequestHead request) {
            begin(ctx, request);
        } else if (msg instanceof ByteBuf body) {
            if (current != null) {
                current.requestContent(body);
            } else {
                body.release();
            }
        } else if (msg == RequestEnd.INSTANCE) {
            if (current != null) {
                current.requestEnd();
            }
        } else if (msg instanceof RequestRefusal refusal) {
            if (current != null) {
                // The request under way cannot be finished, and its answer could not be told from the refusal's.
                rejected = true;
                ctx.close();
            } else {
                reject(ctx, new Rejection(ProxyProblem.of(refusal.reason()), refusal.detail()), false);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private static void release(Object msg) {
        if (msg instanceof RequestHead request) {
            request.release();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, RequestHead request) {
        boolean headRequest = request.isHead();
        try {
            Optional<Rejection> rejection = check(request);
            if (rejection.isPresent()) {
                reject(ctx, rejection.get(), headRequest);
                return;
            }
            Target target = Target.of(request.target());
            if (target == null) {
                reject(ctx, notAbsoluteForm(request.target()), headRequest);
                return;
            }
            ProxyAuthorization.Admission admission = credential.admit(request);
            if (admission == null) {
                reject(
                        ctx,
                        new Rejection(
                                ProxyProblem.PROXY_AUTHENTICATION_REQUIRED,
                                "Send Proxy-Authorization: Bearer <token>, with a token of a connectivity service binding "
                                        + "(POST /oauth/token with the binding's clientid and clientsecret)."),
                        headRequest);
                return;
            }
            String principal = null;
            String authentication = request.value(AUTHENTICATION_HEADER);
            if (authentication != null) {
                principal = authorization.propagatedUser(authentication).orElse(null);
                if (principal == null) {
                    reject(
                            ctx,
                            new Rejection(
                                    ProxyProblem.PROXY_AUTHENTICATION_REQUIRED,
                                    "SAP-Connectivity-Authentication must be 'Bearer <token>' with a valid token of a user; "
                                            + "get a fresh user token and send it again."),
                            headRequest);
                    return;
                }
            }
            UUID subaccount = admission.subaccountId();
            String location = Objects.requireNonNullElse(request.value(LOCATION_ID_HEADER), "");
            ConnectorKey key = new ConnectorKey(subaccount, location);
            TunnelLane current = lane;
            if (current == null || !current.serves(key)) {
                if (current != null) {
                    current.close();
                    lane = null;
                }
                TunnelConnection connection = sessions.pick(key, ctx.channel().eventLoop());
                current = connection == null ? null : TunnelLane.open(connection, key, ctx.channel());
                lane = current;
            }
            if (current == null) {
                reject(
                        ctx,
                        new Rejection(
                                ProxyProblem.CONNECTOR_UNAVAILABLE,
                                "No connector "
                                        + (location.isEmpty()
                                                ? "without location ID"
                                                : "with location ID '" + location + "'")
                                        + " is connected for subaccount " + subaccount
                                        + "; start the connector, or send the location ID of a connected one in "
                                        + "SAP-Connectivity-SCC-Location_ID."),
                        headRequest);
                return;
            }
            if (expectsContinue(request)) {
                writeAnswer(ctx.alloc().buffer(CONTINUE.length).writeBytes(CONTINUE));
                ctx.flush();
            }
            String upgrade = request.upgrade();
            ByteBuf head =
                    LaneHead.of(request, ctx.alloc(), target.authority(), target.pathAndQuery(), principal, upgrade);
            ProxiedExchange started =
                    new ProxiedExchange(ctx.channel(), this, head, headRequest, request.keepAlive(), upgrade != null);
            exchange = started;
            started.start(current);
        } finally {
            request.release();
        }
    }

    /** An HTTP/1.1 request with a body to come that waits to be told to send it (RFC 9110 §10.1.1). */
    private static boolean expectsContinue(RequestHead request) {
        return !request.http10()
                && request.hasBody()
                && "100-continue".equalsIgnoreCase(request.value(HttpHeaderNames.EXPECT));
    }

    private static Optional<Rejection> check(RequestHead request) {
        String uri = request.target();
        if (HttpHeaderValidationUtil.validateValidHeaderValue(uri) >= 0) {
            return Optional.of(new Rejection(
                    ProxyProblem.MALFORMED_REQUEST, "The request's URL holds a control character; percent-encode it."));
        }
        if ("CONNECT".equals(request.method()) || uri.regionMatches(true, 0, HTTPS_SCHEME, 0, HTTPS_SCHEME.length())) {
            return Optional.of(new Rejection(ProxyProblem.METHOD_NOT_ALLOWED, NO_HTTPS));
        }
        if (!uri.regionMatches(true, 0, HTTP_SCHEME, 0, HTTP_SCHEME.length())) {
            return Optional.of(notAbsoluteForm(uri));
        }
        return Optional.empty();
    }

    private static Rejection notAbsoluteForm(String uri) {
        return new Rejection(
                ProxyProblem.MALFORMED_REQUEST,
                "The connectivity proxy takes absolute-form requests such as "
                        + "'GET http://virtual-host:port/path HTTP/1.1'; '" + abbreviate(uri) + "' is not one.");
    }

    /** Answers with the problem and closes; to a {@code HEAD} request ({@code head}) without the problem's body. */
    private void reject(ChannelHandlerContext ctx, Rejection rejection, boolean head) {
        rejected = true;
        ctx.writeAndFlush(rejection.problem().response(ctx.alloc(), rejection.detail(), head))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Called on this connection's event loop when the back end switched protocols: from now on the application's
     * bytes go to the lane as they come, unread, until either side closes. Bytes the application sent before the
     * switch were read as HTTP and cannot be given back as they were: such an application is out of step, and its
     * connection is closed.
     */
    void switchProtocols() {
        ChannelHandlerContext ctx = context;
        if (ctx == null) {
            return;
        }
        RequestDecoder requests = ctx.pipeline().get(RequestDecoder.class);
        if (requests != null) {
            requests.passThrough();
        }
        if (!waiting.isEmpty()) {
            waiting.forEach(HttpProxyFrontend::release);
            waiting.clear();
            ctx.close();
            return;
        }
        ctx.channel().config().setAutoRead(true);
    }

    /** Called on this connection's event loop when the exchange is over. */
    void exchangeDone(boolean reuse) {
        ChannelHandlerContext ctx = context;
        exchange = null;
        if (ctx == null) {
            return;
        }
        if (!reuse) {
            ctx.close();
            return;
        }
        while (exchange == null || !exchange.requestComplete()) {
            Object next = waiting.poll();
            if (next == null) {
                break;
            }
            channelRead(ctx, next);
        }
        if (waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ProxiedExchange current = exchange;
        if (current != null && ctx.channel().isWritable()) {
            current.clientWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ProxiedExchange current = exchange;
        if (current != null) {
            current.clientGone();
        }
        TunnelLane open = lane;
        if (open != null) {
            open.close();
        }
        waiting.forEach(HttpProxyFrontend::release);
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private record Rejection(ProxyProblem problem, String detail) {}

    /** The virtual host and port of an absolute-form URI, and the origin-form rest. */
    record Target(String authority, String pathAndQuery) {
        static @Nullable Target of(String absoluteUri) {
            if (!absoluteUri.regionMatches(true, 0, HTTP_SCHEME, 0, HTTP_SCHEME.length())) {
                return null;
            }
            int start = HTTP_SCHEME.length();
            int end = start;
            while (end < absoluteUri.length() && "/?#".indexOf(absoluteUri.charAt(end)) < 0) {
                end++;
            }
            String authority = absoluteUri.substring(start, end);
            if (authority.isEmpty() || authority.indexOf('@') >= 0) {
                return null;
            }
            String rest = absoluteUri.substring(end);
            int fragment = rest.indexOf('#');
            if (fragment >= 0) {
                rest = rest.substring(0, fragment);
            }
            if (rest.isEmpty() || rest.charAt(0) == '?') {
                rest = "/" + rest;
            }
            boolean hasPort = authority.lastIndexOf(':') > authority.lastIndexOf(']');
            return new Target(hasPort ? authority : authority + ":80", rest);
        }
    }
}
