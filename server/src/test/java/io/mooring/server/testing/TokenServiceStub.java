package io.mooring.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An OAuth token service on loopback that destinations point their {@code tokenServiceURL} at: it answers every
 * grant with a fresh token named after the grant and a counter, records each form it received, and can be told
 * to fail with a status.
 */
public final class TokenServiceStub implements AutoCloseable {
    private final HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int failWith;
    private volatile long expiresIn = 3600;

    private TokenServiceStub(HttpServer server) {
        this.server = server;
    }

    public static TokenServiceStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TokenServiceStub stub = new TokenServiceStub(server);
            server.createContext("/oauth/token", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> form = Arrays.stream(body.split("&"))
                        .filter(pair -> pair.contains("="))
                        .collect(Collectors.toMap(
                                pair -> decode(pair.substring(0, pair.indexOf('='))),
                                pair -> decode(pair.substring(pair.indexOf('=') + 1)),
                                (first, second) -> second));
                stub.requests.add(form);
                int status = stub.failWith;
                String answer = status != 0
                        ? "{\"error\":\"invalid_client\"}"
                        : "{\"access_token\":\"" + form.get("grant_type").replaceAll("\\W", "-") + "-"
                                + stub.issued.incrementAndGet() + "\",\"token_type\":\"bearer\",\"expires_in\":"
                                + stub.expiresIn + "}";
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status != 0 ? status : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
    }

    /** The forms received so far, oldest first. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    public void failWith(int status) {
        this.failWith = status;
    }

    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
