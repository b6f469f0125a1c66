package io.mooring.connector.tunnel;

import io.mooring.connector.report.ReportPublisher;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/** Answers the session stream with this session's identity and keeps it open for reports. */
final class SessionResponder extends ChannelInboundHandlerAdapter {
    private final ReportPublisher reports;
    private final SessionIdentity session;

    SessionResponder(ReportPublisher reports, SessionIdentity session) {
        this.reports = reports;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean request = msg instanceof HttpRequest;
        ReferenceCountUtil.release(msg);
        if (!request) {
            return;
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson")
                .set(TunnelProtocol.SESSION_HEADER, session.sessionId())
                .set(TunnelProtocol.PROTOCOL_HEADER, TunnelProtocol.VERSION)
                .set(TunnelProtocol.CONNECTOR_VERSION_HEADER, session.version());
        ctx.writeAndFlush(response);
        reports.add(ctx.channel());
    }
}
