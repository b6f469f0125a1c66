package io.mooring.connector.report;

import io.mooring.connector.access.SystemMapping;
import io.mooring.connector.json.Json;
import io.mooring.tunnel.ConnectorReport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells Mooring what this connector exposes and whether its back ends answer: a {@link ConnectorReport} on every
 * session stream when it opens, when the mappings change, and after every health probe that changes the picture
 * (probes run every 30 seconds: a TCP connect to each mapped back end, 3 seconds at most).
 */
public final class ReportPublisher implements AutoCloseable {
    private static final int PROBE_SECONDS = 30;
    private static final int PROBE_TIMEOUT_MILLIS = 3000;
    private static final byte[] NEWLINE = {'\n'};

    private final Supplier<List<SystemMapping>> mappings;
    private final String version;
    private final Clock clock;
    private final Set<Channel> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("connector-health").factory());
    private volatile List<ConnectorReport.Unreachable> unreachable = List.of();
    private volatile ConnectorReport latest;

    public ReportPublisher(Supplier<List<SystemMapping>> mappings, String version, Clock clock) {
        this.mappings = mappings;
        this.version = version;
        this.clock = clock;
        this.latest = build();
        probes.scheduleWithFixedDelay(this::probe, 0, PROBE_SECONDS, TimeUnit.SECONDS);
    }

    /** A session stream to keep informed; it gets the current report at once. */
    public void add(Channel stream) {
        streams.add(stream);
        stream.closeFuture().addListener(closed -> streams.remove(stream));
        send(stream, latest);
    }

    /** The mappings changed: tell Mooring now, and probe the new back ends soon. */
    public void mappingsChanged() {
        publish(build());
        probes.execute(this::probe);
    }

    public ConnectorReport latest() {
        return latest;
    }

    /** Ends every session stream, so that connections can drain without waiting for them. */
    public void endStreams() {
        streams.forEach(Channel::close);
    }

    /** Ends the session stream of one tunnel connection, so that it can drain without waiting for it. */
    public void endStreams(Channel connection) {
        streams.stream().filter(stream -> stream.parent() == connection).forEach(Channel::close);
    }

    private void probe() {
        List<ConnectorReport.Unreachable> failing = new ArrayList<>();
        for (SystemMapping mapping : mappings.get()) {
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(mapping.internalHost(), mapping.internalPort()), PROBE_TIMEOUT_MILLIS);
            } catch (IOException | IllegalArgumentException e) {
                failing.add(new ConnectorReport.Unreachable(
                        mapping.virtualHost(), mapping.virtualPort(), String.valueOf(e.getMessage())));
            }
        }
        if (!failing.equals(unreachable)) {
            unreachable = List.copyOf(failing);
            publish(build());
        }
    }

    private ConnectorReport build() {
        List<ConnectorReport.VirtualHost> hosts = mappings.get().stream()
                .map(mapping -> new ConnectorReport.VirtualHost(
                        mapping.virtualHost(),
                        mapping.virtualPort(),
                        mapping.protocol(),
                        mapping.backendType(),
                        mapping.resources().size(),
                        Objects.requireNonNullElse(mapping.description(), "")))
                .toList();
        List<ConnectorReport.Unreachable> failing = unreachable;
        return new ConnectorReport(
                version,
                clock.instant(),
                hosts,
                failing.isEmpty() ? ConnectorReport.Health.UP : ConnectorReport.Health.DEGRADED,
                failing);
    }

    private void publish(ConnectorReport report) {
        latest = report;
        streams.forEach(stream -> send(stream, report));
    }

    private void send(Channel stream, ConnectorReport report) {
        byte[] line = Json.compact(report);
        stream.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(line, NEWLINE)));
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
