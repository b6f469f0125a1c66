package io.mooring.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers and pairs systems as fast as a fixed number of concurrent clients can, for a fixed time, and reports
 * systems per second with p50/p99 latencies of registering, pairing and both. Each client keeps one HTTP/1.1
 * connection. Loopback only; it stops by itself.
 *
 * <p>Usage: {@code RegisterPairLoad <base-url> <username> <password> <clients> <warmup-seconds> <seconds>}
 */
public final class RegisterPairLoad {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final AtomicLong sequence = new AtomicLong();

    private RegisterPairLoad(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println(
                    "Usage: RegisterPairLoad <base-url> <username> <password> <clients> <warmup-s> <seconds>");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        if (!base.getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost")) {
            throw new IllegalArgumentException("Load tests target loopback only, not " + base);
        }
        RegisterPairLoad load = new RegisterPairLoad(base, Login.accessToken(base, args[1], args[2]));
        int clients = Integer.parseInt(args[3]);
        load.run(clients, Duration.ofSeconds(Long.parseLong(args[4])));
        Result result = load.run(clients, Duration.ofSeconds(Long.parseLong(args[5])));
        System.out.println(result.report(clients));
    }

    private Result run(int clients, Duration duration) throws Exception {
        Result result = new Result();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    try (LoopbackConnection connection = new LoopbackConnection(base)) {
                        while (System.nanoTime() < deadline) {
                            registerAndPair(connection, result);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        result.elapsedNanos = System.nanoTime() - started;
        return result;
    }

    private void registerAndPair(LoopbackConnection connection, Result result) throws IOException {
        long n = sequence.incrementAndGet();
        long start = System.nanoTime();
        String system = "{\"name\":\"bench-" + n + "-" + start + "\",\"type\":\"S4HANA_CLOUD\"}";
        JsonNode registration = send(connection, "/api/v1/systems", token, system, 201);
        long registered = System.nanoTime();
        String pairing = "{\"token\":\""
                + registration.path("integrationToken").path("token").asString() + "\",\"systemNumber\":\"BENCH-" + n
                + "-" + start + "\",\"baseUrl\":\"https://bench.example.com\"}";
        send(connection, "/api/v1/pairing", null, pairing, 200);
        long paired = System.nanoTime();
        result.record(registered - start, paired - registered, paired - start);
    }

    private static JsonNode send(LoopbackConnection connection, String path, String bearer, String json, int expected)
            throws IOException {
        LoopbackConnection.Response response = connection.post(path, bearer, json);
        if (response.status() != expected) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Latency histograms in microseconds, shared by the clients. */
    private static final class Result {
        private final Histogram register = new Histogram(3);
        private final Histogram pair = new Histogram(3);
        private final Histogram both = new Histogram(3);
        private long elapsedNanos;

        synchronized void record(long registerNanos, long pairNanos, long bothNanos) {
            register.recordValue(registerNanos / 1000);
            pair.recordValue(pairNanos / 1000);
            both.recordValue(bothNanos / 1000);
        }

        String report(int clients) {
            double seconds = elapsedNanos / 1e9;
            return String.format(
                    "clients=%d systems=%d seconds=%.1f systems_per_second=%.0f%n"
                            + "register_p50_ms=%.2f register_p99_ms=%.2f pair_p50_ms=%.2f pair_p99_ms=%.2f "
                            + "register_and_pair_p50_ms=%.2f register_and_pair_p99_ms=%.2f",
                    clients,
                    both.getTotalCount(),
                    seconds,
                    both.getTotalCount() / seconds,
                    ms(register, 50),
                    ms(register, 99),
                    ms(pair, 50),
                    ms(pair, 99),
                    ms(both, 50),
                    ms(both, 99));
        }

        private static double ms(Histogram histogram, double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
