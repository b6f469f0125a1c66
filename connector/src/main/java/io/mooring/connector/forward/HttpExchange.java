package io.mooring.connector.forward;

import io.mooring.connector.access.AccessControl;
import io.mooring.connector.access.HttpDecision;
import io.mooring.connector.access.SystemMapping;
import io.mooring.connector.json.Json;
import io.mooring.tunnel.AnswerBytes;
import io.mooring.tunnel.AnswerEnd;
import io.mooring.tunnel.AnswerHead;
import io.mooring.tunnel.HeadBytes;
import io.mooring.tunnel.RequestDecoder;
import io.mooring.tunnel.RequestEnd;
import io.mooring.tunnel.RequestHead;
import io.mooring.tunnel.RequestRefusal;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP lane from Mooring: its requests, one after another, each decided by access control and sent to the back
 * end of its system mapping over a pooled keep-alive connection, the answer coming back on the lane. Answers are not
 * decoded: the back end's bytes go on the lane as they came, behind a head that is rewritten only when it must be
 * ({@link LaneAnswerHead}); an answer that lasts until the back end closes is put in chunks. Runs entirely
 * on the stream's event loop, which is also the back-end connections'. Should a request arrive before the one ahead
 * of it is answered, it waits (Mooring sends the next only after an answer, so this is defence, not a path).
 */
final class HttpExchange extends ChannelInboundHandlerAdapter {
    private static final String FORWARDED_HOST = "X-Forwarded-Host";
    private static final String FORWARDED_HOST_NAME = "x-forwarded-host";
    /**
     * Where the connector puts a propagated principal's certificate; one the application sent never reaches the back
     * end, which trusts this header because only the connector sets it.
     */
    private static final String CLIENT_CERTIFICATE_HEADER = "SSL_CLIENT_CERT";

    private static final String CLIENT_CERTIFICATE_NAME = "ssl_client_cert";
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Forwarding forwarding;
    /** The request's body bytes that came before its back-end connection was ready. */
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();

    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private @Nullable Channel stream;
    private @Nullable ChannelHandlerContext laneOut;
    private @Nullable SystemMapping mapping;
    private @Nullable BackendConnection backend;
    private boolean busy;
    private boolean refused;
    private boolean requestComplete;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean backendKeepAlive;
    private boolean headRequest;
    /** The answer lasts until the back end closes, and goes on the lane in chunks. */
    private boolean chunking;
    /** The protocol the request asks to switch to ({@code Upgrade}); null when none. */
    private @Nullable String upgrade;

    HttpExchange(Forwarding forwarding) {
        this.forwarding = forwarding;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        stream = ctx.channel();
        laneOut = ctx.pipeline().context(StreamHandlers.ANSWER_ENCODER);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!waiting.isEmpty() || (busy && requestComplete && msg != RequestEnd.INSTANCE)) {
            waiting.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        handle(ctx, msg);
    }

    /** Takes a message that is next in turn. */
    private void handle(ChannelHandlerContext ctx, Object msg) {
        if (msg == RequestEnd.INSTANCE) {
            // The end of the request under way, or of one answered already.
            requestComplete |= busy;
        } else if (msg instanceof RequestHead request) {
            begin(ctx.channel(), request);
        } else if (msg instanceof ByteBuf content && busy) {
            body(content);
        } else if (msg instanceof RequestRefusal refusal) {
            malformed(ctx.channel(), refusal);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(Channel channel, RequestHead request) {
        busy = true;
        refused = false;
        responseStarted = false;
        responseComplete = false;
        backendKeepAlive = false;
        chunking = false;
        upgrade = request.upgrade();
        headRequest = request.isHead();
        mapping = null;
        // A request without a body is complete with its head: its end, which follows, changes nothing.
        requestComplete = !request.hasBody();
        Authority target = Authority.parse(request.value(HttpHeaderNames.HOST), 80);
        String principal = request.value(TunnelProtocol.PRINCIPAL_HEADER);
        AccessControl access = forwarding.accessControl().get();
        HttpDecision decision = target == null
                ? null
                : access.decideHttp(target.host(), target.port(), request.target(), upgrade != null);
        if (!(decision instanceof HttpDecision.Allowed allowed)) {
            HttpDecision.Denied denied = (HttpDecision.Denied) decision;
            String host = target == null ? "" : target.host();
            int port = target == null ? 0 : target.port();
            String code = denied == null ? "NO_MAPPING" : denied.denial().name();
            String message = denied == null ? "The request names no virtual host." : denied.message();
            if (denied != null) {
                forwarding
                        .audit()
                        .denied(host, port, request.method(), request.target(), principal, denied.denial(), message);
            }
            request.release();
            refuse(
                    HttpResponseStatus.FORBIDDEN,
                    TunnelProtocol.DENIAL_HEADER,
                    code,
                    "connector-denied",
                    "Denied by the connector",
                    message + " (" + code + ")");
            return;
        }
        SystemMapping allowedMapping = allowed.mapping();
        mapping = allowedMapping;
        forwarding.audit().allowed(target.host(), target.port(), request.method(), request.target(), principal);
        ByteBuf outgoing;
        try {
            outgoing =
                    backendHead(request, channel.alloc(), target, allowedMapping, allowed.normalisedPath(), principal);
        } finally {
            request.release();
        }
        connect(channel, allowedMapping, outgoing);
    }

    /** A lane request the connector could not read: answered with 400 if nothing is under way, and the lane closed. */
    private void malformed(Channel channel, RequestRefusal refusal) {
        if (!busy) {
            busy = true;
            requestComplete = false;
            refuse(
                    HttpResponseStatus.BAD_REQUEST,
                    TunnelProtocol.BACKEND_ERROR_HEADER,
                    "malformed",
                    "malformed-request",
                    "Malformed request",
                    "The connector could not read the request: " + refusal.detail());
        }
        channel.close();
    }

    /**
     * The request's head as the back end gets it: normalised path, its mapping's {@code Host}, the principal's
     * certificate when the mapping propagates principals that way, no hop-by-hop headers; the other header lines as
     * they came. A body keeps the framing the application gave it: by its length, in chunks, or none.
     */
    private ByteBuf backendHead(
            RequestHead request,
            ByteBufAllocator alloc,
            Authority target,
            SystemMapping mapping,
            String normalisedPath,
            @Nullable String principal) {
        boolean internalHost = mapping.hostHeader() == io.mooring.connector.access.HostHeader.INTERNAL;
        ByteBuf head = alloc.buffer(request.size() + 128);
        HeadBytes.writeRequestLine(head, request.method(), normalisedPath + query(request.target()));
        if (internalHost) {
            HeadBytes.writeHeader(head, HttpHeaderNames.HOST, mapping.internalHost() + ":" + mapping.internalPort());
            HeadBytes.writeHeader(head, FORWARDED_HOST, target.toString());
        } else {
            HeadBytes.writeHeader(head, HttpHeaderNames.HOST, target.toString());
        }
        if (principal != null
                && mapping.principalType() == io.mooring.connector.access.PrincipalType.X509_CERTIFICATE) {
            HeadBytes.writeHeader(
                    head, CLIENT_CERTIFICATE_HEADER, forwarding.principals().certificateHeader(principal));
        }
        for (int i = 0; i < request.headers(); i++) {
            if (!request.isName(i, HttpHeaderNames.HOST)
                    && !request.isName(i, CLIENT_CERTIFICATE_NAME)
                    && !(internalHost && request.isName(i, FORWARDED_HOST_NAME))
                    && !request.isHopByHop(i)) {
                request.writeLine(i, head);
            }
        }
        if (request.chunked()) {
            head.writeBytes(HeadBytes.CHUNKED_LINE);
        }
        String protocols = upgrade;
        if (protocols != null) {
            HeadBytes.writeUpgrade(head, protocols);
        }
        return HeadBytes.writeEnd(head);
    }

    private void connect(Channel channel, SystemMapping target, ByteBuf outgoing) {
        boolean tls = target.protocol() == io.mooring.tunnel.ConnectorReport.Protocol.HTTPS;
        BackendConnection reused =
                forwarding.backends().idle(channel.eventLoop(), target.internalHost(), target.internalPort(), tls);
        if (reused != null) {
            attach(reused, outgoing);
            return;
        }
        channel.config().setAutoRead(false);
        BackendConnection fresh = new BackendConnection();
        forwarding
                .backends()
                .dial(channel.eventLoop(), target.internalHost(), target.internalPort(), tls, fresh)
                .addListener((ChannelFutureListener) dialled -> {
                    if (dialled.isSuccess()) {
                        attach(fresh, outgoing);
                        channel.config().setAutoRead(true);
                    } else {
                        ReferenceCountUtil.release(outgoing);
                        releaseEarly();
                        refuse(
                                HttpResponseStatus.BAD_GATEWAY,
                                TunnelProtocol.BACKEND_ERROR_HEADER,
                                "unreachable",
                                "backend-unreachable",
                                "Back end unreachable",
                                "The connector cannot reach the back end of " + target.virtualHost() + ":"
                                        + target.virtualPort() + " ("
                                        + dialled.cause().getMessage() + ").");
                    }
                });
    }

    private void attach(BackendConnection connection, ByteBuf outgoing) {
        Channel current = stream;
        if (current == null || !current.isActive()) {
            ReferenceCountUtil.release(outgoing);
            releaseEarly();
            connection.channel().close();
            return;
        }
        backend = connection;
        connection.own(this, headRequest, upgrade != null);
        Channel backendChannel = connection.channel();
        backendChannel.write(outgoing, backendChannel.voidPromise());
        ByteBuf content;
        while ((content = early.poll()) != null) {
            backendChannel.write(content, backendChannel.voidPromise());
        }
        backendChannel.flush();
        backendChannel.config().setAutoRead(true);
    }

    /** Bytes of the request's body, as the application framed them. */
    private void body(ByteBuf content) {
        if (refused) {
            content.release();
            return;
        }
        BackendConnection current = backend;
        if (current == null) {
            early.add(content);
            return;
        }
        current.channel().writeAndFlush(content, current.channel().voidPromise());
        if (!current.channel().isWritable() && stream != null) {
            stream.config().setAutoRead(false);
        }
    }

    void backendRead(Object msg) {
        Channel current = stream;
        if (current == null || !current.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg == AnswerEnd.INSTANCE) {
            if (chunking) {
                toLane(Unpooled.wrappedBuffer(LAST_CHUNK));
            }
            responseComplete = true;
            current.flush();
            finish();
            return;
        }
        if (msg instanceof AnswerHead head) {
            if (head.interim()) {
                head.release();
                return;
            }
            responseStarted = true;
            if (head.switchesProtocols()) {
                switchProtocols(current, head.content());
                return;
            }
            chunking = head.untilClose();
            LaneAnswerHead lane = LaneAnswerHead.of(head.content(), chunking, mapping, current.alloc());
            backendKeepAlive = lane.keepAlive();
            toLane(lane.head());
        } else if (msg instanceof ByteBuf body) {
            if (chunking && body.isReadable()) {
                toLane(Unpooled.copiedBuffer(Integer.toHexString(body.readableBytes()), StandardCharsets.US_ASCII)
                        .writeBytes(CRLF));
                toLane(body);
                toLane(Unpooled.wrappedBuffer(CRLF));
            } else {
                toLane(body);
            }
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        BackendConnection connection = backend;
        if (!current.isWritable() && connection != null) {
            connection.channel().config().setAutoRead(false);
        }
    }

    /**
     * The back end answered {@code 101 Switching Protocols}: its head goes to the lane as it came (its {@code Upgrade}
     * and {@code Connection} are the answer), and from now on the lane's bytes go to the back end unread and the back
     * end's to the lane, until either closes; the back-end connection is never reused.
     */
    private void switchProtocols(Channel lane, ByteBuf head) {
        backendKeepAlive = false;
        requestComplete = false;
        toLane(head);
        lane.flush();
        RequestDecoder requests = lane.pipeline().get(RequestDecoder.class);
        if (requests != null) {
            requests.passThrough();
        }
        Object queued;
        ChannelHandlerContext ctx = lane.pipeline().context(this);
        while ((queued = waiting.poll()) != null) {
            handle(ctx, queued);
        }
        lane.config().setAutoRead(true);
    }

    /** Writes bytes of an answer past the lane's response encoder, which only the connector's own answers use. */
    private void toLane(ByteBuf bytes) {
        AnswerBytes.writePast(laneOut, bytes);
    }

    void backendReadComplete() {
        Channel current = stream;
        if (current != null) {
            current.flush();
        }
    }

    void backendWritable() {
        Channel current = stream;
        if (current != null) {
            current.config().setAutoRead(true);
        }
    }

    void backendClosed() {
        backend = null;
        if (responseComplete) {
            return;
        }
        if (!responseStarted) {
            refuse(
                    HttpResponseStatus.BAD_GATEWAY,
                    TunnelProtocol.BACKEND_ERROR_HEADER,
                    "closed",
                    "backend-unreachable",
                    "Back end closed the connection",
                    "The back end closed the connection before it answered.");
        } else if (stream != null) {
            stream.close();
        }
    }

    private void finish() {
        BackendConnection connection = backend;
        backend = null;
        SystemMapping target = mapping;
        if (connection != null && target != null) {
            connection.disown();
            if (requestComplete && backendKeepAlive) {
                forwarding
                        .backends()
                        .release(
                                connection,
                                target.internalHost(),
                                target.internalPort(),
                                target.protocol() == io.mooring.tunnel.ConnectorReport.Protocol.HTTPS);
            } else {
                connection.channel().close();
            }
        }
        if (!requestComplete && stream != null) {
            stream.close();
            return;
        }
        next();
    }

    /** The answer is out: the lane is ready for its next request, which may already be waiting. */
    private void next() {
        busy = false;
        mapping = null;
        Channel current = stream;
        if (current == null || !current.isActive()) {
            return;
        }
        current.config().setAutoRead(true);
        ChannelHandlerContext ctx = current.pipeline().context(this);
        Object queued;
        while (!busy && (queued = waiting.poll()) != null) {
            handle(ctx, queued);
        }
        while (busy && !requestComplete && (queued = waiting.poll()) != null) {
            handle(ctx, queued);
        }
    }

    private void refuse(
            HttpResponseStatus status, CharSequence header, String code, String type, String title, String detail) {
        refused = true;
        Channel current = stream;
        if (current == null || !current.isActive()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:mooring:problem:" + type);
        problem.put("title", title);
        problem.put("status", status.code());
        problem.put("detail", detail);
        ByteBuf content = Unpooled.wrappedBuffer(Json.compact(problem));
        int length = content.readableBytes();
        if (headRequest) {
            content.clear();
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(header, code);
        responseStarted = true;
        responseComplete = true;
        boolean complete = requestComplete;
        current.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (!complete) {
                written.channel().close();
            }
        });
        if (complete) {
            next();
        }
    }

    private void releaseEarly() {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        BackendConnection connection = backend;
        if (ctx.channel().isWritable() && connection != null) {
            connection.channel().config().setAutoRead(true);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseEarly();
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        BackendConnection connection = backend;
        backend = null;
        if (connection != null && !responseComplete) {
            connection.disown();
            connection.channel().close();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static String query(String uri) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return "";
        }
        int fragment = uri.indexOf('#', question);
        return fragment < 0 ? uri.substring(question) : uri.substring(question, fragment);
    }
}
