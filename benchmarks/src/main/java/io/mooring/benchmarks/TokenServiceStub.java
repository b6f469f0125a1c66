package io.mooring.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth token service on loopback for OAuth2ClientCredentials destinations: {@code POST /oauth/token} answers one
 * fixed token valid for an hour, and every call is counted, so that a benchmark can tell whether the Destination
 * service cached the token or fetched it again.
 */
final class TokenServiceStub implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final String token = "stub-token-" + UUID.randomUUID();

    TokenServiceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] answer = ("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth/token", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                calls.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(answer);
                }
            }
        });
        server.start();
    }

    /** The token URL to put into a destination's {@code tokenServiceURL}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
    }

    String token() {
        return token;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
