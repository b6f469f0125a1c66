package io.mooring.benchmarks;

import java.util.List;
import org.HdrHistogram.Histogram;

/** Latencies of assigns, unassigns and both, in microseconds, of one client or, merged, of all. */
final class Latencies {
    private final Histogram assign = new Histogram(3);
    private final Histogram unassign = new Histogram(3);
    private final Histogram pair = new Histogram(3);
    private long elapsedNanos;

    void record(long assignNanos, long unassignNanos) {
        assign.recordValue(assignNanos / 1000);
        unassign.recordValue(unassignNanos / 1000);
        pair.recordValue((assignNanos + unassignNanos) / 1000);
    }

    static Latencies merge(List<Latencies> clients, long elapsedNanos) {
        Latencies all = new Latencies();
        for (Latencies client : clients) {
            all.assign.add(client.assign);
            all.unassign.add(client.unassign);
            all.pair.add(client.pair);
        }
        all.elapsedNanos = elapsedNanos;
        return all;
    }

    long pairs() {
        return pair.getTotalCount();
    }

    double pairsPerSecond() {
        return pairs() / (elapsedNanos / 1e9);
    }

    double assignMillis(double percentile) {
        return assign.getValueAtPercentile(percentile) / 1000.0;
    }

    double unassignMillis(double percentile) {
        return unassign.getValueAtPercentile(percentile) / 1000.0;
    }
}
