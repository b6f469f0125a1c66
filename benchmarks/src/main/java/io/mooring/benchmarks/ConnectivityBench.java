package io.mooring.benchmarks;

import static io.mooring.benchmarks.BenchHttp.JSON;
import static io.mooring.benchmarks.BenchHttp.abbreviate;
import static io.mooring.benchmarks.BenchHttp.check;
import static io.mooring.benchmarks.BenchHttp.fail;
import static io.mooring.benchmarks.BenchHttp.loopback;
import static io.mooring.benchmarks.BenchHttp.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Mooring part of benchmarks/connectivity.sh, over HTTP as an administrator, a connector's administrator and a
 * bound application would do it. Loopback only; each step stops by itself.
 *
 * <ul>
 *   <li>{@code setup <base-url> <username> <password> <info-file>}: logs in as the administrator, creates a
 *       subaccount, a connectivity service instance (plan {@code lite}) and a binding, gets the binding's token
 *       (client credentials) and creates the subaccount's default connector registration ({@code locationId ""}).
 *       Writes {@code KEY=value} lines to the info file: {@code SUBACCOUNT}, {@code CONNECTOR_ID},
 *       {@code CONNECTOR_TOKEN} (one-time pairing token), {@code PROXY_HOST}, {@code PROXY_PORT} (the binding's
 *       {@code onpremise_proxy_host} and {@code onpremise_proxy_http_port}), {@code PROXY_TOKEN} (the binding's
 *       token), {@code ADMIN_TOKEN} (the administrator's, for the status view) and {@code BASE_URL}.
 *   <li>{@code map <admin-port> <admin-token-file> <virtual-host> <virtual-port> <backend-port>}: replaces the
 *       connector's mappings ({@code PUT /mappings} of its local admin API) with one HTTP mapping of the virtual
 *       host:port to 127.0.0.1:backend-port that admits every path.
 *   <li>{@code await <info-file> <virtual-host> <virtual-port> <seconds>}: asks the proxy for
 *       {@code http://<virtual-host>:<virtual-port>/small} (absolute form, the binding's token) every 200 ms until it
 *       answers 200, then prints the subaccount's connectors as the status view shows them. Fails after the given
 *       seconds with the last answer and the status view.
 * </ul>
 */
public final class ConnectivityBench {

    private ConnectivityBench() {}

    public static void main(String[] args) throws Exception {
        String usage = "Usage: ConnectivityBench setup <base-url> <username> <password> <info-file>"
                + " | map <admin-port> <admin-token-file> <virtual-host> <virtual-port> <backend-port>"
                + " | await <info-file> <virtual-host> <virtual-port> <seconds>";
        if (args.length == 0) {
            fail(usage);
        }
        switch (args[0]) {
            case "setup" -> {
                check(args.length == 5, usage);
                setUp(loopback(args[1]), args[2], args[3], Path.of(args[4]));
            }
            case "map" -> {
                check(args.length == 6, usage);
                map(
                        Integer.parseInt(args[1]),
                        Files.readString(Path.of(args[2])).strip(),
                        args[3],
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
            }
            case "await" -> {
                check(args.length == 5, usage);
                await(readInfo(Path.of(args[1])), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            }
            default -> fail(usage);
        }
    }

    // --- setup ---------------------------------------------------------------------------------------------------

    private static void setUp(URI base, String username, String password, Path infoFile) throws Exception {
        String admin = Login.accessToken(base, username, password);
        try (HttpClient http = HttpClient.newHttpClient()) {
            String subaccount = send(
                            http,
                            "POST",
                            base.resolve("/api/v1/subaccounts"),
                            admin,
                            "{\"displayName\":\"Bench connectivity\",\"subdomain\":\"bench-connectivity\"}",
                            201)
                    .path("id")
                    .asString();
            String instances = "/api/v1/subaccounts/" + subaccount + "/service-instances";
            String instance = send(
                            http,
                            "POST",
                            base.resolve(instances),
                            admin,
                            "{\"name\":\"conn\",\"offering\":\"connectivity\",\"plan\":\"lite\"}",
                            201)
                    .path("id")
                    .asString();
            JsonNode credentials = send(
                            http,
                            "POST",
                            base.resolve(instances + "/" + instance + "/bindings"),
                            admin,
                            "{\"name\":\"bench\"}",
                            201)
                    .path("credentials");
            String proxyHost = credentials.path("onpremise_proxy_host").asString("");
            String proxyPort = credentials.path("onpremise_proxy_http_port").asString("");
            if (proxyHost.isEmpty() || proxyPort.isEmpty()) {
                fail("the connectivity binding names no proxy: " + credentials);
            }
            loopback("http://" + proxyHost + ":" + proxyPort);
            String token = clientCredentials(
                    http,
                    loopback(credentials.path("url").asString()),
                    credentials.path("clientid").asString(),
                    credentials.path("clientsecret").asString());
            JsonNode registration = send(
                    http,
                    "POST",
                    base.resolve("/api/v1/subaccounts/" + subaccount + "/connectors"),
                    admin,
                    "{\"locationId\":\"\",\"description\":\"benchmarks/connectivity.sh\"}",
                    201);
            String pairingToken = registration.path("token").asString("");
            if (pairingToken.isEmpty()) {
                fail("the connector registration carries no token: " + registration);
            }
            System.out.printf(
                    "set up: subaccount %s, connectivity instance %s, proxy %s:%s, connector registration %s%n",
                    subaccount,
                    instance,
                    proxyHost,
                    proxyPort,
                    registration.path("id").asString());
            Map<String, String> info = new LinkedHashMap<>();
            info.put("BASE_URL", base.toString());
            info.put("SUBACCOUNT", subaccount);
            info.put("CONNECTOR_ID", registration.path("id").asString());
            info.put("CONNECTOR_TOKEN", pairingToken);
            info.put("PROXY_HOST", proxyHost);
            info.put("PROXY_PORT", proxyPort);
            info.put("PROXY_TOKEN", token);
            info.put("ADMIN_TOKEN", admin);
            StringBuilder lines = new StringBuilder();
            info.forEach(
                    (key, value) -> lines.append(key).append('=').append(value).append('\n'));
            Path written = infoFile.resolveSibling(infoFile.getFileName() + ".tmp");
            Files.writeString(written, lines);
            Files.move(written, infoFile, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String clientCredentials(HttpClient http, URI tokenUrl, String clientId, String clientSecret)
            throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tokenUrl.resolve("/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail("the binding's token request answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    // --- map -----------------------------------------------------------------------------------------------------

    private static void map(int adminPort, String adminToken, String virtualHost, int virtualPort, int backendPort)
            throws Exception {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("path", "/");
        resource.put("subPaths", true);
        resource.put("active", true);
        resource.put("websocketUpgrade", false);
        resource.put("description", "");
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("virtualHost", virtualHost);
        mapping.put("virtualPort", virtualPort);
        mapping.put("internalHost", "127.0.0.1");
        mapping.put("internalPort", backendPort);
        mapping.put("protocol", "HTTP");
        mapping.put("backendType", "OTHER");
        mapping.put("hostHeader", "VIRTUAL");
        mapping.put("principalType", "NONE");
        mapping.put("description", "benchmarks/connectivity.sh back end");
        mapping.put("resources", List.of(resource));
        URI uri = URI.create("http://127.0.0.1:" + adminPort + "/mappings");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + adminToken)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(mapping))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                fail("PUT " + uri + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
            }
        }
        System.out.printf(
                "connector mapping: http://%s:%d/ -> 127.0.0.1:%d (all paths)%n",
                virtualHost, virtualPort, backendPort);
    }

    // --- await ---------------------------------------------------------------------------------------------------

    private static void await(Map<String, String> info, String virtualHost, int virtualPort, int seconds)
            throws Exception {
        String proxyHost = info.get("PROXY_HOST");
        int proxyPort = Integer.parseInt(info.get("PROXY_PORT"));
        String request = "GET http://" + virtualHost + ":" + virtualPort + "/small HTTP/1.1\r\n"
                + "Host: " + virtualHost + ":" + virtualPort + "\r\n"
                + "Proxy-Authorization: Bearer " + info.get("PROXY_TOKEN") + "\r\n"
                + "Connection: close\r\n\r\n";
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(proxyHost, proxyPort), 2000);
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                // Status line and headers, then the body by Content-Length (the proxy may keep the connection open).
                StringBuilder answer = new StringBuilder();
                int length = -1;
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty() && answer.length() < 8192) {
                    answer.append(line).append('\n');
                    if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                char[] body = new char[Math.max(0, Math.min(length, 2000))];
                int read = 0;
                while (read < body.length) {
                    int n = in.read(body, read, body.length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                answer.append(body, 0, read);
                last = answer.toString().strip();
                if (last.startsWith("HTTP/1.1 200 ") && last.endsWith("Hello, World!")) {
                    System.out.printf(
                            "proxy answered 200 with the back end's body after %.1f s%n",
                            (System.nanoTime() - start) / 1e9);
                    System.out.println("status view: " + connectors(info));
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        System.err.println("last answer of the proxy: " + abbreviate(last));
        System.err.println("status view: " + connectors(info));
        fail("the proxy did not answer 200 within " + seconds + " s");
    }

    private static String connectors(Map<String, String> info) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            URI uri = URI.create(info.get("BASE_URL"))
                    .resolve("/api/v1/subaccounts/" + info.get("SUBACCOUNT") + "/connectors");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + info.get("ADMIN_TOKEN"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + abbreviate(response.body());
        } catch (Exception e) {
            return e.toString();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Map<String, String> readInfo(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        loopback("http://" + values.get("PROXY_HOST") + ":" + values.get("PROXY_PORT"));
        return values;
    }
}
