package io.mooring.server.connectivity;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * Work handed to a channel's own event loop: the application's connection and everything that serves it (its lane,
 * exchange or relay) keep their state on that loop, so tunnel-side events are brought there instead of locking.
 */
final class EventLoops {
    private EventLoops() {}

    /** Runs the task at once when called on the channel's event loop, otherwise queues it there. */
    static void runOn(Channel channel, Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
