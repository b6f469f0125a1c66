package io.mooring.benchmarks;

import static io.mooring.benchmarks.BenchHttp.JSON;
import static io.mooring.benchmarks.BenchHttp.abbreviate;
import static io.mooring.benchmarks.BenchHttp.check;
import static io.mooring.benchmarks.BenchHttp.fail;
import static io.mooring.benchmarks.BenchHttp.loopback;
import static io.mooring.benchmarks.BenchHttp.send;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The set-up, bulk creation and read-back of the "find destination" benchmark (benchmarks/destinations.sh), all over
 * HTTP as a user and a bound application would do it. Loopback only; each step stops by itself.
 *
 * <ul>
 *   <li>{@code setup <base-url> <username> <password> <info-file>}: logs in as the administrator, creates a
 *       subaccount, a destination service instance and a binding, gets the binding's token, starts a token service
 *       on loopback and creates the OAuth2ClientCredentials destination {@code bench-oauth} that uses it, finds it
 *       once and checks the token it hands out. Then writes {@code KEY=value} lines (token, URLs, the binding's
 *       credentials) to the info file and keeps the token service running until standard input closes; it prints
 *       how often the token service was called and fails unless it was called exactly once.
 *   <li>{@code populate <info-file> <count> <batch> <clients>}: creates destinations {@code bench-000000} onwards
 *       at subaccount level in arrays of {@code batch}, on {@code clients} concurrent connections, and checks that
 *       every one answered 201.
 *   <li>{@code read <info-file> <count> <samples>}: finds {@code samples} random ones of them, checking each
 *       answer's properties and tokens, then lists them all in pages of 1,000 and checks every entry.
 * </ul>
 */
public final class DestinationBench {
    private static final TypeReference<LinkedHashMap<String, String>> PROPERTIES = new TypeReference<>() {};
    private static final String API = "/destination-configuration/v1";
    private static final String OAUTH_DESTINATION = "bench-oauth";
    private static final int PAGE_SIZE = 1000;
    private static final int SHOWN_FAILURES = 5;

    private DestinationBench() {}

    public static void main(String[] args) throws Exception {
        String usage = "Usage: DestinationBench setup <base-url> <username> <password> <info-file>"
                + " | populate <info-file> <count> <batch> <clients> | read <info-file> <count> <samples>";
        if (args.length == 0) {
            fail(usage);
        }
        switch (args[0]) {
            case "setup" -> {
                check(args.length == 5, usage);
                setUp(loopback(args[1]), args[2], args[3], Path.of(args[4]));
            }
            case "populate" -> {
                check(args.length == 5, usage);
                populate(
                        Info.read(Path.of(args[1])),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
            }
            case "read" -> {
                check(args.length == 4, usage);
                read(Info.read(Path.of(args[1])), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            }
            default -> fail(usage);
        }
    }

    // --- setup ---------------------------------------------------------------------------------------------------

    private static void setUp(URI base, String username, String password, Path infoFile) throws Exception {
        String admin = Login.accessToken(base, username, password);
        try (HttpClient http = HttpClient.newHttpClient();
                TokenServiceStub tokenService = new TokenServiceStub()) {
            String subaccount = send(
                            http,
                            "POST",
                            base.resolve("/api/v1/subaccounts"),
                            admin,
                            "{\"displayName\":\"Bench\",\"subdomain\":\"bench\"}",
                            201)
                    .path("id")
                    .asString();
            String instances = "/api/v1/subaccounts/" + subaccount + "/service-instances";
            String instance = send(
                            http,
                            "POST",
                            base.resolve(instances),
                            admin,
                            "{\"name\":\"dest\",\"offering\":\"destination\"}",
                            201)
                    .path("id")
                    .asString();
            JsonNode credentials = send(
                            http,
                            "POST",
                            base.resolve(instances + "/" + instance + "/bindings"),
                            admin,
                            "{\"name\":\"app\"}",
                            201)
                    .path("credentials");
            Info info = new Info(
                    loopback(credentials.path("uri").asString()).toString(),
                    loopback(credentials.path("url").asString()).toString(),
                    credentials.path("clientid").asString(),
                    credentials.path("clientsecret").asString());
            String token = bindingToken(http, info);

            Map<String, String> destination = new LinkedHashMap<>();
            destination.put("Name", OAUTH_DESTINATION);
            destination.put("Type", "HTTP");
            destination.put("URL", "https://api.example.com");
            destination.put("Authentication", "OAuth2ClientCredentials");
            destination.put("ProxyType", "Internet");
            destination.put("clientId", "c");
            destination.put("clientSecret", "s");
            destination.put("tokenServiceURL", tokenService.url());
            send(
                    http,
                    "POST",
                    info.resolve(API + "/subaccountDestinations"),
                    token,
                    JSON.writeValueAsString(destination),
                    201);

            URI find = info.resolve(API + "/destinations/" + OAUTH_DESTINATION);
            JsonNode found = send(http, "GET", find, token, null, 200);
            String handedOut = found.path("authTokens").path(0).path("value").asString("");
            if (!handedOut.equals(tokenService.token())) {
                fail("find " + OAUTH_DESTINATION + " answered authTokens " + found.path("authTokens")
                        + " instead of the token service's token " + tokenService.token());
            }
            URI me = info.resolve("/api/v1/me");
            send(http, "GET", me, token, null, 200);
            System.out.printf(
                    "set up: subaccount %s, destination instance %s, %s found with the token service's token"
                            + " (%d token service call)%n",
                    subaccount, instance, OAUTH_DESTINATION, tokenService.calls());

            Path written = infoFile.resolveSibling(infoFile.getFileName() + ".tmp");
            Files.writeString(
                    written, "TOKEN=" + token + "\nFIND_URL=" + find + "\nME_URL=" + me + "\n" + info.lines());
            Files.move(written, infoFile, StandardCopyOption.ATOMIC_MOVE);

            // The token service must answer for as long as the load runs: until the script closes standard input.
            InputStream in = System.in;
            while (in.read() >= 0) {
                // discard
            }
            int calls = tokenService.calls();
            System.out.printf("token service calls since set-up: %d (1 = the token was cached throughout)%n", calls);
            if (calls != 1) {
                fail("the token service was called " + calls + " times; the token was not cached");
            }
        }
    }

    // --- populate ------------------------------------------------------------------------------------------------

    private static void populate(Info info, int count, int batch, int clients) throws Exception {
        String token;
        try (HttpClient http = HttpClient.newHttpClient()) {
            token = bindingToken(http, info);
        }
        String path = info.path(API + "/subaccountDestinations");
        int batches = (count + batch - 1) / batch;
        AtomicInteger next = new AtomicInteger();
        Histogram perBatch = new Histogram(3);
        long start = System.nanoTime();
        Clients.run(info.origin(), clients, (client, connection) -> {
            Histogram mine = new Histogram(3);
            for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                List<Map<String, String>> bodies = new ArrayList<>();
                for (int i = b * batch; i < Math.min(count, (b + 1) * batch); i++) {
                    bodies.add(BenchDestinations.properties(i));
                }
                long sent = System.nanoTime();
                LoopbackConnection.Response response = connection.post(path, token, JSON.writeValueAsString(bodies));
                mine.recordValue((System.nanoTime() - sent) / 1000);
                if (response.status() != 201) {
                    List<String> failed = new ArrayList<>();
                    if (response.status() == 207) {
                        for (JsonNode outcome : JSON.readTree(response.body())) {
                            if (outcome.path("status").asInt() != 201 && failed.size() < SHOWN_FAILURES) {
                                failed.add(outcome.toString());
                            }
                        }
                    }
                    throw new IllegalStateException("batch " + b + " answered " + response.status() + ": "
                            + (failed.isEmpty() ? abbreviate(response.body()) : String.join(", ", failed)));
                }
                JsonNode outcomes = JSON.readTree(response.body());
                int created = 0;
                for (JsonNode outcome : outcomes) {
                    if (outcome.path("status").asInt() == 201) {
                        created++;
                    }
                }
                if (created != bodies.size()) {
                    throw new IllegalStateException("batch " + b + " answered 201 with " + created + " of "
                            + bodies.size() + " created: " + abbreviate(response.body()));
                }
            }
            synchronized (perBatch) {
                perBatch.add(mine);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "created %,d destinations in %.1f s: %.0f destinations/s (arrays of %d, %d clients; all 201;"
                        + " per array p50 %.0f ms, p99 %.0f ms)%n",
                count,
                seconds,
                count / seconds,
                batch,
                clients,
                perBatch.getValueAtPercentile(50) / 1000.0,
                perBatch.getValueAtPercentile(99) / 1000.0);
    }

    // --- read ----------------------------------------------------------------------------------------------------

    private static void read(Info info, int count, int samples) throws Exception {
        String token;
        try (HttpClient http = HttpClient.newHttpClient()) {
            token = bindingToken(http, info);
        }
        List<String> failures = new ArrayList<>();
        try (LoopbackConnection connection = new LoopbackConnection(info.origin())) {
            findRandom(info, connection, token, count, samples, failures);
            listAll(info, connection, token, count, failures);
        }
        if (!failures.isEmpty()) {
            failures.stream().limit(SHOWN_FAILURES).forEach(failure -> System.out.println("  " + failure));
            fail(failures.size() + " reads did not answer what was stored");
        }
    }

    /** Finds random stored destinations one after another on one connection, as one application would. */
    private static void findRandom(
            Info info, LoopbackConnection connection, String token, int count, int samples, List<String> failures)
            throws IOException {
        int[] picked = new SplittableRandom(7)
                .ints(0, count)
                .distinct()
                .limit(Math.min(samples, count))
                .toArray();
        Histogram latencies = new Histogram(3);
        long start = System.nanoTime();
        for (int index : picked) {
            String name = BenchDestinations.name(index);
            // No token service of these destinations exists: their tokens are not asked for.
            String query = BenchDestinations.isOAuth(index) ? "?$skipTokenRetrieval=true" : "";
            long sent = System.nanoTime();
            LoopbackConnection.Response response =
                    connection.get(info.path(API + "/destinations/" + name + query), token);
            latencies.recordValue((System.nanoTime() - sent) / 1000);
            String problem = checkFound(index, response);
            if (problem != null) {
                failures.add("find " + name + ": " + problem);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "found %,d random destinations of %,d in %.2f s, one after another on one connection (%s):"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                picked.length,
                count,
                seconds,
                failures.isEmpty() ? "each 200 with its properties" : failures.size() + " FAILED",
                latencies.getValueAtPercentile(50) / 1000.0,
                latencies.getValueAtPercentile(99) / 1000.0,
                latencies.getMaxValue() / 1000.0);
    }

    private static String checkFound(int index, LoopbackConnection.Response response) {
        if (response.status() != 200) {
            return "answered " + response.status() + ": " + abbreviate(response.body());
        }
        JsonNode found = JSON.readTree(response.body());
        Map<String, String> expected = BenchDestinations.properties(index);
        Map<String, String> configuration = JSON.convertValue(found.path("destinationConfiguration"), PROPERTIES);
        if (!expected.equals(configuration)) {
            return "destinationConfiguration " + configuration + " instead of " + expected;
        }
        if (found.path("owner").path("SubaccountId").asString("").isEmpty()) {
            return "owner " + found.path("owner") + " has no SubaccountId";
        }
        if (!BenchDestinations.isOAuth(index)) {
            String basic = Base64.getEncoder()
                    .encodeToString(
                            (expected.get("User") + ":" + expected.get("Password")).getBytes(StandardCharsets.UTF_8));
            JsonNode authToken = found.path("authTokens").path(0);
            if (!authToken.path("type").asString("").equals("Basic")
                    || !authToken.path("value").asString("").equals(basic)
                    || !authToken.path("http_header").path("value").asString("").equals("Basic " + basic)) {
                return "authTokens " + found.path("authTokens") + " instead of Basic " + basic;
            }
        }
        return null;
    }

    /** Lists every subaccount destination in pages of 1,000 and checks each entry against what was stored. */
    private static void listAll(
            Info info, LoopbackConnection connection, String token, int count, List<String> failures)
            throws IOException {
        Set<String> seen = new HashSet<>();
        Histogram perPage = new Histogram(3);
        int pages = 0;
        int mismatches = 0;
        long start = System.nanoTime();
        int expected = count + 1; // and bench-oauth
        for (int page = 1; page <= expected / PAGE_SIZE + 2; page++) {
            long sent = System.nanoTime();
            LoopbackConnection.Response response = connection.get(
                    info.path(API + "/subaccountDestinations?$pageSize=" + PAGE_SIZE + "&$page=" + page), token);
            perPage.recordValue((System.nanoTime() - sent) / 1000);
            pages++;
            if (response.status() != 200) {
                failures.add(
                        "list page " + page + " answered " + response.status() + ": " + abbreviate(response.body()));
                break;
            }
            JsonNode entries = JSON.readTree(response.body());
            for (JsonNode entry : entries) {
                Map<String, String> properties = JSON.convertValue(entry, PROPERTIES);
                String name = properties.getOrDefault("Name", "");
                if (!seen.add(name)) {
                    failures.add("list page " + page + " repeats " + name);
                }
                if (name.startsWith("bench-") && !name.equals(OAUTH_DESTINATION)) {
                    Map<String, String> stored = BenchDestinations.properties(Integer.parseInt(name.substring(6)));
                    if (!stored.equals(properties)) {
                        mismatches++;
                        if (mismatches <= SHOWN_FAILURES) {
                            failures.add("list page " + page + ": " + properties + " instead of " + stored);
                        }
                    }
                }
            }
            if (entries.size() < PAGE_SIZE) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (seen.size() != expected) {
            failures.add("the list held " + seen.size() + " destinations instead of " + expected);
        }
        if (mismatches > SHOWN_FAILURES) {
            failures.add(mismatches + " listed entries in all differed from what was stored");
        }
        System.out.printf(
                "listed all %,d destinations in %d pages of %,d in %.1f s (%s): per page p50 %.0f ms, max %.0f ms%n",
                seen.size(),
                pages,
                PAGE_SIZE,
                seconds,
                seen.size() == expected && mismatches == 0 ? "each once, as stored" : "FAILED",
                perPage.getValueAtPercentile(50) / 1000.0,
                perPage.getMaxValue() / 1000.0);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The binding's access token, as an application gets it: client credentials at {@code {url}/oauth/token}. */
    private static String bindingToken(HttpClient http, Info info) throws Exception {
        String form =
                "grant_type=client_credentials&client_id=" + URLEncoder.encode(info.clientId, StandardCharsets.UTF_8)
                        + "&client_secret=" + URLEncoder.encode(info.clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(info.tokenUrl).resolve("/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail("the binding's token request answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** What set-up hands to the later steps: the binding's service URL and credentials. */
    private record Info(String serviceUri, String tokenUrl, String clientId, String clientSecret) {
        static Info read(Path file) throws IOException {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return new Info(
                    loopback(values.get("SERVICE_URI")).toString(),
                    loopback(values.get("TOKEN_URL")).toString(),
                    values.get("CLIENT_ID"),
                    values.get("CLIENT_SECRET"));
        }

        String lines() {
            return "SERVICE_URI=" + serviceUri + "\nTOKEN_URL=" + tokenUrl + "\nCLIENT_ID=" + clientId
                    + "\nCLIENT_SECRET=" + clientSecret + "\n";
        }

        /** The service's origin, for a connection. */
        URI origin() {
            URI uri = URI.create(serviceUri);
            return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
        }

        /** A path below the service URL, for a request line. */
        String path(String below) {
            String path = URI.create(serviceUri).getRawPath();
            return (path == null ? "" : path.replaceAll("/+$", "")) + below;
        }

        URI resolve(String below) {
            return origin().resolve(path(below));
        }
    }
}
