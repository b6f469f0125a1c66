package io.mooring.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The back end of benchmarks/connectivity.sh: a small HTTP/1.1 keep-alive server on loopback, set up the way Netty's
 * own benchmark servers are (epoll transport, TCP_NODELAY, no aggregation, header validation off, answers written
 * as each request is read and flushed once per read batch, bodies preallocated off-heap and only referenced per
 * answer).
 *
 * <ul>
 *   <li>{@code GET /small}: 200, {@code text/plain}, the 13 bytes {@code Hello, World!};
 *   <li>{@code GET /bulk}: 200, {@code application/octet-stream}, 1 MiB;
 *   <li>anything else: 404 (405 for other methods), with an empty body.
 * </ul>
 *
 * <p>Usage: {@code BenchBackend [port] [event-loop-threads]} (defaults 0, a free port, and 1). Binds 127.0.0.1 only
 * and prints {@code listening 127.0.0.1:<port>} once it accepts connections; runs until killed.
 */
public final class BenchBackend {
    static final int BULK_BYTES = 1 << 20;
    private static final byte[] SMALL_BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private BenchBackend() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
        Runtime.getRuntime().addShutdownHook(new Thread(group::shutdownGracefully));
        Handler handler = new Handler();
        HttpDecoderConfig decoding = new HttpDecoderConfig()
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))
                .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withValidation(false));
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(decoding), handler);
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel();
        System.out.printf(
                "listening 127.0.0.1:%d (%s transport, %d event-loop thread%s)%n",
                ((InetSocketAddress) server.localAddress()).getPort(),
                epoll ? "epoll" : "NIO (epoll unavailable: " + Epoll.unavailabilityCause() + ")",
                threads,
                threads == 1 ? "" : "s");
        System.out.flush();
        server.closeFuture().sync();
    }

    private static ByteBuf offHeap(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return Unpooled.wrappedBuffer(buffer);
    }

    private static HttpHeaders headers(CharSequence contentType, int length) {
        HttpHeaders headers =
                DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        return headers;
    }

    /** Stateless: shared by every connection. Answers are written as requests arrive and flushed per read batch. */
    @ChannelHandler.Sharable
    private static final class Handler extends ChannelInboundHandlerAdapter {
        private final ByteBuf small = offHeap(SMALL_BODY);
        private final ByteBuf bulk;
        private final ByteBuf empty = Unpooled.EMPTY_BUFFER;
        // Answers never change their headers, so one instance each serves every answer.
        private final HttpHeaders smallHeaders = headers(HttpHeaderValues.TEXT_PLAIN, SMALL_BODY.length);
        private final HttpHeaders bulkHeaders = headers(HttpHeaderValues.APPLICATION_OCTET_STREAM, BULK_BYTES);
        private final HttpHeaders emptyHeaders = headers(HttpHeaderValues.TEXT_PLAIN, 0);

        Handler() {
            byte[] bytes = new byte[BULK_BYTES];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ('a' + i % 26);
            }
            bulk = offHeap(bytes);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (!(message instanceof HttpRequest request)) {
                ReferenceCountUtil.release(message); // the (empty) content of a GET
                return;
            }
            try {
                FullHttpResponse response;
                if (request.decoderResult().isFailure()) {
                    response = answer(HttpResponseStatus.BAD_REQUEST, empty, emptyHeaders);
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                String path = path(request.uri());
                if (!request.method().equals(HttpMethod.GET)) {
                    response = answer(HttpResponseStatus.METHOD_NOT_ALLOWED, empty, emptyHeaders);
                } else if (path.equals("/small")) {
                    response = answer(HttpResponseStatus.OK, small.retainedDuplicate(), smallHeaders);
                } else if (path.equals("/bulk")) {
                    response = answer(HttpResponseStatus.OK, bulk.retainedDuplicate(), bulkHeaders);
                } else {
                    response = answer(HttpResponseStatus.NOT_FOUND, empty, emptyHeaders);
                }
                if (HttpUtil.isKeepAlive(request)) {
                    ctx.write(response, ctx.voidPromise());
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a peer that reset its connection: nothing to tell anyone
        }

        private static FullHttpResponse answer(HttpResponseStatus status, ByteBuf body, HttpHeaders headers) {
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, headers, EmptyHttpHeaders.INSTANCE);
        }

        /** The path of an origin-form or absolute-form target, without its query. */
        private static String path(String uri) {
            int start = 0;
            if (!uri.startsWith("/")) {
                int scheme = uri.indexOf("://");
                start = scheme < 0 ? 0 : uri.indexOf('/', scheme + 3);
                if (start < 0) {
                    return "/";
                }
            }
            int query = uri.indexOf('?', start);
            return query < 0 && start == 0 ? uri : uri.substring(start, query < 0 ? uri.length() : query);
        }
    }
}
