package io.mooring.connector.admin;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Reads admin API calls off a connection: checks the bearer token before anything else, hands the call to
 * {@link AdminRoutes} and writes the answer. While an answer is pending (pairing) the connection reads nothing more,
 * so answers keep the order of the calls.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = System.getLogger(AdminHandler.class.getName());
    private static final String BEARER = "bearer ";

    private final AdminToken token;
    private final AdminRoutes routes;

    AdminHandler(AdminToken token, AdminRoutes routes) {
        this.token = requireNonNull(token, "token");
        this.routes = requireNonNull(routes, "routes");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, problem(ApiProblem.malformedRequest("The request is not valid HTTP/1.1.")), false);
            return;
        }
        if (!token.matches(bearerToken(request.headers().get(HttpHeaderNames.AUTHORIZATION)))) {
            write(ctx, problem(ApiProblem.unauthenticated()), keepAlive);
            return;
        }
        QueryStringDecoder target = new QueryStringDecoder(request.uri());
        AdminRequest call = new AdminRequest(
                request.method().name(), target.path(), target.parameters(), ByteBufUtil.getBytes(request.content()));
        CompletableFuture<AdminResponse> answer = routes.handle(call);
        if (answer.isDone()) {
            write(ctx, answer.join(), keepAlive);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        answer.whenComplete((response, failure) -> ctx.executor().execute(() -> {
            write(ctx, response != null ? response : problem(ApiProblem.from(failure)), keepAlive);
            ctx.channel().config().setAutoRead(true);
        }));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, "Admin API connection failed", cause);
        ctx.close();
    }

    private static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    private static AdminResponse problem(ApiProblem problem) {
        return AdminResponse.problem(problem);
    }

    private static void write(ChannelHandlerContext ctx, AdminResponse answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.wrappedBuffer(answer.body()));
        var headers = response.headers();
        if (answer.body().length > 0) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        headers.set("X-Content-Type-Options", "nosniff");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        } else {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
