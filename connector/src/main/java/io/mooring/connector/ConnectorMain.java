package io.mooring.connector;

import static java.util.concurrent.TimeUnit.MICROSECONDS;

import io.mooring.tunnel.Transports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mooring connector [--data-dir DIR] [--admin-port PORT] [--pair-url URL --token TOKEN]}: runs the
 * connector until it is stopped; with a token it pairs first, if it is not paired yet.
 */
public final class ConnectorMain {
    static final String USAGE = """
            Usage: ./mooring connector [options]

              --data-dir DIR     where the connector keeps its configuration, key, certificate and audit log
                                 (default: ./connector-data; created owner-only)
              --admin-port PORT  port of the local admin API on 127.0.0.1, 0 for any free one (default: 20080)
              --threads N        event-loop threads for the tunnel and the back ends (default: one per core)
              --busy-poll-us N   how long an event loop polls its sockets before it sleeps, in microseconds,
                                 giving way to any other thread between polls; 0 turns it off (default: 100)
              --pair-url URL     Mooring's URL, e.g. http://mooring.example.com:8080, to pair with ...
              --token TOKEN      ... using this one-time token from POST /api/v1/subaccounts/{id}/connectors

            The admin API wants 'Authorization: Bearer <content of DIR/admin-token>'.
            """;

    private ConnectorMain() {}

    public static void main(String[] args) {
        Path dataDir = Path.of("connector-data");
        int adminPort = 20080;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Duration busyPoll = Transports.DEFAULT_BUSY_POLL;
        String pairUrl = null;
        String token = null;
        List<String> rest = new ArrayList<>(List.of(args));
        try {
            while (!rest.isEmpty()) {
                String option = rest.removeFirst();
                switch (option) {
                    case "--data-dir" -> dataDir = Path.of(value(option, rest));
                    case "--admin-port" -> adminPort = (int) number(option, rest, 0, 65535);
                    case "--threads" -> threads = (int) number(option, rest, 1, 64);
                    case "--busy-poll-us" ->
                        busyPoll = Duration.of(
                                number(option, rest, 0, MICROSECONDS.convert(Transports.MAX_BUSY_POLL)),
                                ChronoUnit.MICROS);
                    case "--pair-url" -> pairUrl = value(option, rest);
                    case "--token" -> token = value(option, rest);
                    case "-h", "--help", "help" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + option);
                }
            }
            if ((pairUrl == null) != (token == null)) {
                throw new IllegalArgumentException("--pair-url and --token go together");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("connector: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        Connector connector = Connector.start(Connector.Settings.of(dataDir, adminPort, threads, busyPoll));
        Runtime.getRuntime().addShutdownHook(new Thread(connector::close, "connector-shutdown"));
        if (token != null && !connector.paired()) {
            try {
                connector.pair(pairUrl, token);
            } catch (RuntimeException e) {
                System.err.println("connector: pairing failed: " + e.getMessage());
                connector.close();
                System.exit(1);
            }
        }
        System.out.println("Connector running; admin API on http://127.0.0.1:" + connector.adminPort() + " (token in "
                + dataDir.resolve("admin-token") + ")");
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static long number(String option, List<String> rest, long min, long max) {
        String value = value(option, rest);
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a whole number, not '" + value + "'");
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + number);
        }
        return number;
    }
}
