package io.mooring.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a loopback port in front of another one, which can go silent the way a broken network path does:
 * the connections it carries then pass nothing either way while both ends' sockets stay open, so that each end
 * learns of it only from its own timeouts. Connections opened after that pass as usual.
 */
public final class SilenceableRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger silentClosedByClient = new AtomicInteger();
    private final AtomicInteger silentClosedByTarget = new AtomicInteger();

    private SilenceableRelay(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
        Thread.ofVirtual().start(this::acceptAll);
    }

    /** A relay to {@code targetPort} on loopback. */
    public static SilenceableRelay to(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new SilenceableRelay(listener, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections the relay carries now, silenced ones left out. */
    public int carrying() {
        return (int) links.stream()
                .filter(link -> !link.silent && !link.client.isClosed())
                .count();
    }

    /** The connections open now carry nothing more, either way; returns how many they were. */
    public int silence() {
        int silenced = 0;
        for (Link link : links) {
            if (!link.silent && !link.client.isClosed()) {
                link.silent = true;
                silenced++;
            }
        }
        return silenced;
    }

    /** How many silenced connections the side that dialled the relay has closed. */
    public int silentClosedByClient() {
        return silentClosedByClient.get();
    }

    /** How many silenced connections the side the relay dials has closed. */
    public int silentClosedByTarget() {
        return silentClosedByTarget.get();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, target);
                links.add(link);
                Thread.ofVirtual().start(() -> link.pump(client, target, silentClosedByClient));
                Thread.ofVirtual().start(() -> link.pump(target, client, silentClosedByTarget));
            } catch (IOException e) {
                // closed, or the target refused: the client's connection fails as it would without the relay
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Link link : links) {
            link.close();
        }
    }

    private final class Link {
        final Socket client;
        final Socket target;
        volatile boolean silent;

        Link(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        /** Copies {@code from} to {@code to}; once silent, reads on only to see when {@code from} closes. */
        void pump(Socket from, Socket to, AtomicInteger silentClosedBy) {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (!silent) {
                        out.write(buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                // a reset counts as closed, as the end of the stream does
            }
            if (silent) {
                silentClosedBy.incrementAndGet();
            } else {
                close();
            }
        }

        void close() {
            try {
                client.close();
                target.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
