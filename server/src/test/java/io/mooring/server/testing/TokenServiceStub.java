package io.mooring.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The token service of a destination's target system, on a loopback port: it records the form of every token
 * request and mints a distinct opaque token for each, named after the grant, so a test can tell which grant produced
 * the token that reached a back end. Under {@code /failing/<status>/} it answers with that status instead.
 */
public final class TokenServiceStub implements AutoCloseable {
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Pattern FAILING = Pattern.compile("/failing/(\\d{3})/oauth/token");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger minted = new AtomicInteger();

    private TokenServiceStub(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static TokenServiceStub start() {
        try {
            return new TokenServiceStub(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String tokenUrl() {
        return base() + "/oauth/token";
    }

    /** A token URL that always answers with this status and an OAuth error. */
    public String failingTokenUrl(int status) {
        return base() + "/failing/" + status + "/oauth/token";
    }

    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form =
                    parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String path = exchange.getRequestURI().getPath();
            Matcher failing = FAILING.matcher(path);
            if (failing.matches()) {
                int status = Integer.parseInt(failing.group(1));
                requests.add(new TokenRequest(path, form, null));
                respond(exchange, status, Map.of("error", status == 401 ? "invalid_client" : "server_error"));
                return;
            }
            String token = label(form.get("grant_type")) + "-token-" + minted.incrementAndGet();
            requests.add(new TokenRequest(path, form, token));
            respond(exchange, 200, Map.of("access_token", token, "token_type", "bearer", "expires_in", 3600));
        }
    }

    private static String label(@Nullable String grantType) {
        if (grantType == null) {
            return "no-grant";
        }
        return switch (grantType) {
            case "client_credentials" -> "client-credentials";
            case "password" -> "password";
            case JWT_BEARER -> "jwt-bearer";
            default -> "other";
        };
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> json) throws IOException {
        byte[] body = Api.JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    /** One token request: the path it went to, its form fields, and the token minted for it (none when refused). */
    public record TokenRequest(
            String path, Map<String, String> form, @Nullable String issuedToken) {}
}
