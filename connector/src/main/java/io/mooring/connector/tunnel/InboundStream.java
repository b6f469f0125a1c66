package io.mooring.connector.tunnel;

import io.mooring.connector.forward.Forwarding;
import io.mooring.connector.forward.StreamHandlers;
import io.mooring.connector.report.ReportPublisher;
import io.mooring.tunnel.StreamBytes;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/**
 * The first handler of every stream Mooring opens: its first HEADERS frame tells what the stream is — the session
 * stream, a TCP stream ({@code CONNECT}) or an HTTP lane — and the pipeline is set up for that.
 */
@ChannelHandler.Sharable
final class InboundStream extends ChannelInboundHandlerAdapter {
    private static final AsciiString OK = HttpResponseStatus.OK.codeAsText();
    private static final AsciiString NOT_FOUND = HttpResponseStatus.NOT_FOUND.codeAsText();

    private final Forwarding forwarding;
    private final ReportPublisher reports;
    private final SessionIdentity session;

    InboundStream(Forwarding forwarding, ReportPublisher reports, SessionIdentity session) {
        this.forwarding = forwarding;
        this.reports = reports;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame headers)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        CharSequence method = headers.headers().method();
        CharSequence path = headers.headers().path();
        if (HttpMethod.CONNECT.asciiName().contentEquals(method == null ? "" : method)) {
            pipeline.replace(this, "tcp", StreamHandlers.tcp(forwarding));
        } else if (path != null && TunnelProtocol.SESSION_PATH.contentEquals(path)) {
            pipeline.replace(this, "codec", new Http2StreamFrameToHttpObjectCodec(true));
            pipeline.addLast(new SessionResponder(reports, session));
        } else if (path != null && TunnelProtocol.HTTP_PATH.contentEquals(path)) {
            ReferenceCountUtil.release(msg);
            pipeline.replace(this, "bytes", StreamBytes.contiguous());
            StreamHandlers.http(pipeline, forwarding);
            ctx.channel().writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(OK)));
            return;
        } else {
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(NOT_FOUND), true));
            return;
        }
        pipeline.fireChannelRead(msg);
    }
}
