package io.mooring.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures assign/unassign throughput and latency as an account grows: it registers the systems, creates
 * Side-by-Side Kyma formations up to each level (say 100, then 1,000, then 10,000, in the same account), and at each
 * level lets every client assign a system to a formation and unassign it again for a fixed time after a warm-up.
 * Flat figures across the levels show that the cost of one change does not grow with the number of formations.
 * Loopback only; it stops by itself.
 *
 * <p>Usage: {@code FormationLoad <base-url> <username> <password> <clients> <warmup-s> <seconds> <systems>
 * <levels, e.g. 100,1000,10000> <task-center-seconds> [maintenance-command]}; the command, run with {@code sh -c}
 * before each warm-up and each measurement, does what the database would do by itself in time, such as
 * PostgreSQL's autovacuum analysing the tables that just grew and removing the rows that unassigns left behind.
 */
public final class FormationLoad {
    private static final int MEMBERS_PER_FORMATION = 10;
    private static final Duration LATER_WARMUP = Duration.ofSeconds(10);

    private final Landscape landscape;
    private final Churn churn;
    private final String maintenance;
    private final List<String> rows = new ArrayList<>();

    private FormationLoad(Landscape landscape, Churn churn, String maintenance) {
        this.landscape = landscape;
        this.churn = churn;
        this.maintenance = maintenance;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9 && args.length != 10) {
            System.err.println("Usage: FormationLoad <base-url> <username> <password> <clients> <warmup-s> <seconds>"
                    + " <systems> <levels> <task-center-seconds> [maintenance-command]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        if (!base.getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost")) {
            throw new IllegalArgumentException("Load tests target loopback only, not " + base);
        }
        String token = Login.accessToken(base, args[1], args[2]);
        int clients = Integer.parseInt(args[3]);
        Landscape landscape = new Landscape(base, token, clients, MEMBERS_PER_FORMATION);
        FormationLoad load = new FormationLoad(
                landscape, new Churn(base, token, clients, landscape), args.length == 10 ? args[9] : "");
        Duration warmup = Duration.ofSeconds(Long.parseLong(args[4]));
        Duration seconds = Duration.ofSeconds(Long.parseLong(args[5]));
        Duration taskCenter = Duration.ofSeconds(Long.parseLong(args[8]));
        load.setUp(Integer.parseInt(args[6]), !taskCenter.isZero());
        for (int level :
                Arrays.stream(args[7].split(",")).mapToInt(Integer::parseInt).toArray()) {
            if (level < clients) {
                throw new IllegalArgumentException("Each client needs a formation of its own: level " + level);
            }
            load.level(level, warmup, seconds, taskCenter);
            warmup = warmup.compareTo(LATER_WARMUP) < 0 ? warmup : LATER_WARMUP;
        }
        load.printTable(clients);
    }

    private void setUp(int systems, boolean taskCenter) throws Exception {
        long start = System.nanoTime();
        landscape.registerSystems(systems);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("registered %d systems in %.1f s (%.0f/s)%n", systems, seconds, systems / seconds);
        if (taskCenter) {
            landscape.createTaskCenterPart();
        }
    }

    /** Grows the account to {@code formations}, warms up, and measures both kinds of change. */
    private void level(int formations, Duration warmup, Duration seconds, Duration taskCenter) throws Exception {
        int from = landscape.formationCount();
        long start = System.nanoTime();
        landscape.growTo(formations);
        double grew = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "grew from %d to %d Side-by-Side Kyma formations in %.1f s (%.0f/s)%n",
                from, formations, grew, (formations - from) / grew);
        maintenance();
        System.out.printf("warming up for %d s%n", warmup.toSeconds());
        churn.run(Churn.Kind.SIDE_BY_SIDE_KYMA, warmup);
        measure(formations, Churn.Kind.SIDE_BY_SIDE_KYMA, seconds);
        if (!taskCenter.isZero()) {
            maintenance();
            churn.run(Churn.Kind.TASK_CENTER_INTEGRATION, warmup.dividedBy(4));
            measure(formations, Churn.Kind.TASK_CENTER_INTEGRATION, taskCenter);
        }
    }

    private void maintenance() throws Exception {
        if (maintenance.isBlank()) {
            return;
        }
        long start = System.nanoTime();
        int exit =
                new ProcessBuilder("sh", "-c", maintenance).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("'" + maintenance + "' exited with " + exit);
        }
        System.out.printf("maintenance took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void measure(int formations, Churn.Kind kind, Duration duration) throws Exception {
        maintenance();
        Latencies latencies = churn.run(kind, duration);
        String row = String.format(
                "| %,d | %s | %,d | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f |",
                formations,
                kind,
                latencies.pairs(),
                latencies.pairsPerSecond(),
                2 * latencies.pairsPerSecond(),
                latencies.assignMillis(50),
                latencies.assignMillis(99),
                latencies.unassignMillis(50),
                latencies.unassignMillis(99));
        System.out.println(row);
        rows.add(row);
    }

    private void printTable(int clients) {
        System.out.printf(
                "%n%d clients; %d Commerce Cloud systems, %d in each Side-by-Side Kyma formation; %d Task Center "
                        + "formations besides; latencies in ms%n",
                clients, landscape.systemCount(), MEMBERS_PER_FORMATION, landscape.taskCenterFormationCount());
        System.out.println("| Kyma formations in account | formation type changed | pairs | pairs/s | requests/s "
                + "| assign p50 | assign p99 | unassign p50 | unassign p99 |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }
}
