package io.mooring.tunnel;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Netty's native epoll transport where the platform has it, NIO elsewhere. */
public final class Transports {
    /** How long an event loop polls its sockets before it sleeps, unless configured otherwise. */
    public static final Duration DEFAULT_BUSY_POLL = Duration.of(100, ChronoUnit.MICROS);

    /** The longest busy poll an event loop accepts. */
    public static final Duration MAX_BUSY_POLL = Duration.ofMillis(10);

    private static final boolean EPOLL = Epoll.isAvailable();

    private Transports() {}

    /**
     * An event loop group of daemon threads named after {@code name}. With epoll, each loop polls its sockets for up
     * to {@code busyPoll} before it sleeps ({@link BusyPoll}); zero turns that off.
     */
    public static EventLoopGroup eventLoopGroup(int threads, String name, Duration busyPoll) {
        if (!acceptsBusyPoll(busyPoll)) {
            throw new IllegalArgumentException(
                    "The busy-poll time must be between 0 and " + MAX_BUSY_POLL + ", not " + busyPoll);
        }
        IoHandlerFactory handlers;
        if (!EPOLL) {
            handlers = NioIoHandler.newFactory();
        } else if (busyPoll.isZero()) {
            handlers = EpollIoHandler.newFactory();
        } else {
            handlers = EpollIoHandler.newFactory(0, () -> new BusyPoll(busyPoll, System::nanoTime));
        }
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), handlers);
    }

    /** Whether {@code busyPoll} is a time an event loop accepts: from zero to {@link #MAX_BUSY_POLL}. */
    public static boolean acceptsBusyPoll(Duration busyPoll) {
        return !busyPoll.isNegative() && busyPoll.compareTo(MAX_BUSY_POLL) <= 0;
    }

    public static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
