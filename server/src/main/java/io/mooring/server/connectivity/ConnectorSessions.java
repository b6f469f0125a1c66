package io.mooring.server.connectivity;

import io.mooring.server.connector.LiveConnectors;
import io.mooring.tunnel.ConnectorReport;
import io.mooring.tunnel.TunnelProtocol;
import io.netty.channel.EventLoop;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The connected connectors: per subaccount and location ID, the current session and its connections. A session
 * is one connector process; a new session for the same key replaces the old one, whose connections drain.
 */
@Component
class ConnectorSessions implements LiveConnectors {
    private static final Logger LOG = System.getLogger(ConnectorSessions.class.getName());

    private final Map<ConnectorKey, Session> sessions = new ConcurrentHashMap<>();

    /** Adds a connection whose session stream has answered; replaces the key's session if the session is new. */
    void attach(TunnelConnection connection) {
        Session[] replaced = new Session[1];
        sessions.compute(connection.key(), (key, current) -> {
            if (current != null && current.id().equals(connection.sessionId())) {
                current.connections().add(connection);
                return current;
            }
            replaced[0] = current;
            Session fresh =
                    new Session(connection.sessionId(), connection.identity().connectorId());
            fresh.connections().add(connection);
            return fresh;
        });
        if (replaced[0] != null) {
            LOG.log(
                    Level.INFO,
                    "Connector {0} started session {1}, replacing session {2}",
                    connection.identity().connectorId(),
                    connection.sessionId(),
                    replaced[0].id());
            replaced[0].connections().forEach(old -> old.drain(TunnelProtocol.REPLACED));
        }
    }

    void detach(TunnelConnection connection) {
        sessions.computeIfPresent(connection.key(), (key, current) -> {
            current.connections().remove(connection);
            return current.connections().isEmpty() ? null : current;
        });
    }

    /**
     * A usable connection of the key's session, preferring one on {@code loop} (no hand-over between threads),
     * otherwise taking them in turn; null when none is connected.
     */
    @Nullable
    TunnelConnection pick(ConnectorKey key, EventLoop loop) {
        Session session = sessions.get(key);
        if (session == null) {
            return null;
        }
        TunnelConnection[] connections = session.connections().toArray(new TunnelConnection[0]);
        for (TunnelConnection candidate : connections) {
            if (candidate.channel().eventLoop() == loop && candidate.usable()) {
                return candidate;
            }
        }
        int start = session.next().getAndIncrement();
        for (int i = 0; i < connections.length; i++) {
            TunnelConnection candidate = connections[Math.floorMod(start + i, connections.length)];
            if (candidate.usable()) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public Optional<Presence> presence(UUID connectorId) {
        return sessions.values().stream()
                .filter(session -> session.connectorId().equals(connectorId))
                .findFirst()
                .flatMap(ConnectorSessions::presenceOf);
    }

    @Override
    public Optional<Presence> presence(UUID subaccountId, String locationId) {
        return Optional.ofNullable(sessions.get(new ConnectorKey(subaccountId, locationId)))
                .flatMap(ConnectorSessions::presenceOf);
    }

    @Override
    public void disconnect(UUID connectorId) {
        sessions.values().stream()
                .filter(session -> session.connectorId().equals(connectorId))
                .forEach(session -> session.connections().forEach(c -> c.drain("the connector was deleted")));
    }

    private static Optional<Presence> presenceOf(Session session) {
        List<TunnelConnection> connections = List.copyOf(session.connections());
        if (connections.isEmpty()) {
            return Optional.empty();
        }
        TunnelConnection first = connections.getFirst();
        TunnelConnection newest = connections.getLast();
        return Optional.of(new Presence(
                session.id(),
                first.connectedAt(),
                connections.size(),
                newest.remoteAddress(),
                newest.connectorVersion(),
                connections.stream()
                        .map(TunnelConnection::report)
                        .filter(Objects::nonNull)
                        .max(Comparator.comparing(ConnectorReport::reportedAt))
                        .orElse(null)));
    }

    private record Session(String id, UUID connectorId, List<TunnelConnection> connections, AtomicInteger next) {
        Session(String id, UUID connectorId) {
            this(id, connectorId, new CopyOnWriteArrayList<>(), new AtomicInteger());
        }
    }
}
