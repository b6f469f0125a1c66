package io.mooring.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A participant's notification endpoint on a loopback port: it records every notification it receives and answers
 * with scripted replies (a status, a body, a delay), then with the default reply. It can also hold every request
 * until released, like a participant that hangs.
 */
public final class ParticipantEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private volatile Reply fallback = Reply.ok();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private ParticipantEndpoint(HttpServer server) {
        this.server = server;
    }

    public static ParticipantEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ParticipantEndpoint endpoint = new ParticipantEndpoint(server);
            server.createContext("/notify", endpoint::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** Replies to the next requests in this order, then with the default reply. */
    public synchronized ParticipantEndpoint thenReply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public ParticipantEndpoint byDefault(Reply reply) {
        fallback = reply;
        return this;
    }

    /** Holds every request from now on until {@link #release()}. */
    public void hold() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Mooring-Notification-Id")));
            hold.await(30, TimeUnit.SECONDS);
            Reply reply = next();
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the caller gave up waiting (a timeout on Mooring's side); nothing to answer
        }
    }

    private synchronized Reply next() {
        Reply scripted = script.poll();
        return scripted == null ? fallback : scripted;
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }

    /** One notification as received. */
    public record Received(JsonNode body, String notificationIdHeader) {
        public String operation() {
            return body.path("operation").asString();
        }

        public String systemId() {
            return body.path("system").path("id").asString();
        }

        public String notificationId() {
            return body.path("notificationId").asString();
        }
    }

    /** How the endpoint answers one request. */
    public record Reply(int status, String body, Duration delay) {
        public static Reply ok() {
            return new Reply(200, "", Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, "", Duration.ZERO);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, body, Duration.ZERO);
        }

        public static Reply after(Duration delay) {
            return new Reply(200, "", delay);
        }
    }
}
