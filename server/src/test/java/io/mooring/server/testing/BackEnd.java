package io.mooring.server.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An on-premise back end on a loopback port, the JDK's own HTTP server: it records every request it receives and
 * answers by the path's last segment — {@code .../download?bytes=N} streams N bytes, {@code .../upload} counts the
 * body's bytes, {@code .../held} waits until released, {@code .../redirect} redirects to itself, {@code .../chunks}
 * answers in three chunks, anything else says hello.
 */
public final class BackEnd implements AutoCloseable {
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);

    /** What the back end saw of one request. */
    public record Request(String method, String rawPath, Headers headers, long bodyBytes) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private BackEnd(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static BackEnd start() {
        try {
            return new BackEnd(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    /** Waits until a request to {@code /held} has arrived. */
    public boolean awaitHeldRequest(long seconds) throws InterruptedException {
        return holding.await(seconds, TimeUnit.SECONDS);
    }

    public void releaseHeldRequests() {
        held.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        long bodyBytes = drain(exchange.getRequestBody());
        requests.add(new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders(),
                bodyBytes));
        try (exchange) {
            switch (path.substring(path.lastIndexOf('/'))) {
                case "/download" ->
                    download(exchange, Long.parseLong(query(exchange).get("bytes")));
                case "/upload" -> answer(exchange, 200, String.valueOf(bodyBytes));
                case "/held" -> {
                    holding.countDown();
                    awaitRelease();
                    answer(exchange, 200, "released");
                }
                case "/redirect" -> {
                    exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + port() + "/target?x=1");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/chunks" -> chunks(exchange);
                default -> answer(exchange, 200, "hello from " + path);
            }
        }
    }

    private void awaitRelease() {
        try {
            held.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void download(HttpExchange exchange, long bytes) throws IOException {
        exchange.sendResponseHeaders(200, bytes);
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + i % 26);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            long left = bytes;
            while (left > 0) {
                int now = (int) Math.min(block.length, left);
                out.write(block, 0, now);
                left -= now;
            }
        }
    }

    private static void chunks(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String part : new String[] {"one ", "two ", "three"}) {
            out.write(part.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static long drain(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = body.read(buffer)) >= 0) {
            total += read;
        }
        return total;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        java.util.Map<String, String> values = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                values.put(pair.substring(0, Math.max(equals, 0)), pair.substring(equals + 1));
            }
        }
        return values;
    }

    @Override
    public void close() {
        held.countDown();
        server.stop(0);
    }
}
