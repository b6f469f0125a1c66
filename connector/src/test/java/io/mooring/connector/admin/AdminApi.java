package io.mooring.connector.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.connector.access.HttpDecision;
import io.mooring.connector.audit.AuditLog;
import io.mooring.connector.config.ConfigurationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A running admin API on a free loopback port, with its store and audit log, and a client that holds the token. */
final class AdminApi implements AutoCloseable {
    static final String ERP = """
            {"virtualHost": "erp.internal", "virtualPort": 44300, "internalHost": "10.0.0.5", "internalPort": 8000,
             "protocol": "HTTP", "backendType": "ABAP_SYSTEM",
             "resources": [{"path": "/sap/opu/odata", "subPaths": true, "active": true}]}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final RecordingAdminActions actions = new RecordingAdminActions();
    private final ConfigurationStore store;
    private final AuditLog audit;
    private final AdminServer server;
    private final String token;

    private AdminApi(Path dataDir) throws IOException {
        store = ConfigurationStore.open(dataDir);
        audit = new AuditLog(
                dataDir.resolve(AuditLog.FILE_NAME), () -> store.current().auditLevel());
        AdminToken adminToken = AdminToken.loadOrCreate(dataDir);
        token = Files.readString(adminToken.file(), UTF_8).strip();
        server = AdminServer.start(0, adminToken, store, audit, actions);
    }

    static AdminApi start(Path dataDir) {
        try {
            return new AdminApi(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigurationStore store() {
        return store;
    }

    AuditLog audit() {
        return audit;
    }

    RecordingAdminActions actions() {
        return actions;
    }

    HttpClient client() {
        return client;
    }

    String token() {
        return token;
    }

    int port() {
        return server.port();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Sends an authenticated call, with a JSON body unless {@code body} is {@code null}. */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), BodyHandlers.ofString());
    }

    /** Whether the connector would now forward a request for the path to erp.internal:44300. */
    boolean allowed(String path) {
        return store.accessControl().decideHttp("erp.internal", 44300, path, false) instanceof HttpDecision.Allowed;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json(HttpResponse<String> response) {
        return JSON.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jsonList(HttpResponse<String> response) {
        return JSON.readValue(response.body(), List.class);
    }

    void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response))
                .containsEntry("type", type)
                .containsEntry("status", status)
                .containsKeys("title", "detail");
    }

    @Override
    public void close() {
        server.close();
        audit.close();
    }
}
