package io.mooring.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a task on a number of concurrent clients, each with its own kept-alive connection, and waits for all. */
final class Clients {
    private Clients() {}

    /** What one client does; {@code client} numbers the clients from 0. */
    @FunctionalInterface
    interface Task {
        void run(int client, LoopbackConnection connection) throws Exception;
    }

    /** Runs the task on each client; the first failure fails the whole run. */
    static void run(URI base, int clients, Task task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                workers.add(pool.submit(() -> {
                    try (LoopbackConnection connection = new LoopbackConnection(base)) {
                        task.run(client, connection);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
    }
}
