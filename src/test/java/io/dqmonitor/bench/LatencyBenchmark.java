package io.dqmonitor.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.dqmonitor.PrometheusScrape;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole pipeline under the heaviest write load PostgreSQL takes here, for {@code bench.minutes}: several JDBC
 * clients write as fast as they can while Debezium streams the changes and dq-monitor (the packaged jar, in its own
 * JVM) processes them. Every 30 s it prints the write and processing rates, the backlog in front of Debezium and in
 * front of dq-monitor, and dq-monitor's heap and resident memory; at the end, the commit-to-visible latency (source
 * commit to the change in the list {@code /api/changes} serves, and in the metrics), the heap kept after a full
 * collection before and after the load, and the number of dq-monitor's series.
 *
 * <p>{@code ./mvnw -Pbench -DskipTests package exec:exec@latency [-Dbench.minutes=10 -Dbench.clients=4]}
 */
public final class LatencyBenchmark {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Duration WARM_UP = Duration.ofMinutes(1);

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(Bench.setting("minutes", 10));
        int clients = (int) Bench.setting("clients", 4);
        try (EmbeddedStack stack = Bench.startStack("latency"); Admin admin = Bench.admin(stack)) {
            ServiceProcess service = ServiceProcess.start(stack, "bench-latency", Bench.serviceJvmOptions(), Map.of());
            try (RecentChangesWatcher watcher = new RecentChangesWatcher(stack.redisPort())) {
                long heapBefore = Memory.heapAfterFullGcMegabytes(service.pid());
                int seriesBefore = series(scrape(service));
                watcher.start();
                long loadStart = System.currentTimeMillis();
                long written;
                try (LoadGenerator load = new LoadGenerator(stack, clients, Long.MAX_VALUE)) {
                    load.start();
                    runFor(length, load, service, admin);
                    written = load.records();
                }
                Duration drain = awaitDrained(admin, written);
                PrometheusScrape end = scrape(service);
                long heapAfter = Memory.heapAfterFullGcMegabytes(service.pid());
                summary(watcher, loadStart, end, written, drain);
                System.out.printf("  heap kept after a full GC: %d MB before the load, %d MB after it%n"
                                + "  peak resident memory: %s (JVM options: %s)%n"
                                + "  dq-monitor series (cdc_*, dq_*): %d before the load, %d after it%n",
                        heapBefore, heapAfter, Memory.peakResident(service.pid()), Bench.serviceJvmOptions(),
                        seriesBefore, series(end));
            } finally {
                service.terminate(Duration.ofSeconds(60));
            }
        }
    }

    private static void runFor(Duration length, LoadGenerator load, ServiceProcess service, Admin admin) throws Exception {
        System.out.printf("%n%7s %12s %12s %18s %18s %9s %9s%n", "time", "written/s", "processed/s",
                "Debezium backlog", "dq-monitor backlog", "heap MB", "RSS MB");
        long start = System.nanoTime();
        long lastWritten = 0;
        double lastProcessed = processed(scrape(service));
        for (int tick = 1; tick <= length.dividedBy(REPORT_EVERY); tick++) {
            Bench.sleep(Duration.ofNanos(start + REPORT_EVERY.toNanos() * tick - System.nanoTime()));
            PrometheusScrape scrape = scrape(service);
            long written = load.records();
            long end = Bench.endOffset(admin);
            double processed = processed(scrape);
            System.out.printf("%6ds %12.0f %12.0f %18d %18d %9.0f %9d%n", REPORT_EVERY.multipliedBy(tick).toSeconds(),
                    (written - lastWritten) / (double) REPORT_EVERY.toSeconds(),
                    (processed - lastProcessed) / REPORT_EVERY.toSeconds(), Math.max(0, written - end),
                    end - Math.max(0, Bench.committedOffset(admin, "dq-monitor")), heapMegabytes(scrape),
                    Memory.residentMegabytes(service.pid()));
            lastWritten = written;
            lastProcessed = processed;
        }
    }

    /** Waits until Debezium and dq-monitor have caught up with every write; returns how long that took. */
    private static Duration awaitDrained(Admin admin, long written) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (Bench.endOffset(admin) < written || Bench.committedOffset(admin, "dq-monitor") < Bench.endOffset(admin)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not catch up within 5 minutes of the load's end");
            }
            Bench.sleep(Duration.ofMillis(100));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void summary(RecentChangesWatcher watcher, long loadStart, PrometheusScrape end, long written,
            Duration drain) {
        long[] all = watcher.latenciesSince(loadStart);
        long[] steady = watcher.latenciesSince(loadStart + WARM_UP.toMillis());
        Map<Double, Double> buckets = lagBuckets(end);
        System.out.printf("%n%,d records written; the pipeline caught up %d ms after the load stopped.%n"
                        + "Commit-to-visible latency, ms (seen in the recent-changes list; %,d changes, %.0f%% of all):%n"
                        + "  %-28s p50 %5d   p95 %5d   p99 %5d   max %5d%n"
                        + "  %-28s p50 %5d   p95 %5d   p99 %5d   max %5d%n"
                        + "dq-monitor's own cdc_event_lag_seconds histogram (all events, bucket-interpolated):%n"
                        + "  p50 %5.0f   p95 %5.0f   p99 %5.0f   (goal: p99 under 1000 ms)%n",
                written, drain.toMillis(), all.length, 100.0 * all.length / Math.max(1, written),
                "whole run", Bench.percentile(all, 50), Bench.percentile(all, 95), Bench.percentile(all, 99),
                Bench.percentile(all, 100),
                "after the first " + WARM_UP.toSeconds() + " s", Bench.percentile(steady, 50),
                Bench.percentile(steady, 95), Bench.percentile(steady, 99), Bench.percentile(steady, 100),
                1000 * quantile(buckets, 0.50), 1000 * quantile(buckets, 0.95), 1000 * quantile(buckets, 0.99));
    }

    /** Cumulative counts by upper bound (seconds) of the reference table's lag histogram. */
    private static Map<Double, Double> lagBuckets(PrometheusScrape scrape) {
        Map<Double, Double> buckets = new TreeMap<>();
        scrape.samples().forEach((series, value) -> {
            if (series.startsWith("cdc_event_lag_seconds_bucket{") && series.contains("public.user_activities")) {
                String le = series.substring(series.indexOf("le=\"") + 4, series.indexOf('"', series.indexOf("le=\"") + 4));
                buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value);
            }
        });
        return buckets;
    }

    /** What PromQL's histogram_quantile computes: linear interpolation inside the bucket that holds the rank. */
    static double quantile(Map<Double, Double> cumulative, double q) {
        double total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return lowerBound + (bucket.getKey() - lowerBound) * (inBucket == 0 ? 0 : (rank - lowerCount) / inBucket);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return Double.NaN;
    }

    private static PrometheusScrape scrape(ServiceProcess service) throws Exception {
        return PrometheusScrape.parse(service.client(null).get("/actuator/prometheus").body());
    }

    private static double processed(PrometheusScrape scrape) {
        return sum(scrape, "cdc_events_total{") + sum(scrape, "cdc_records_skipped_total{reason=\"tombstone\"");
    }

    private static double heapMegabytes(PrometheusScrape scrape) {
        return sum(scrape, "jvm_memory_used_bytes{area=\"heap\"") / (1024 * 1024);
    }

    private static double sum(PrometheusScrape scrape, String prefix) {
        return scrape.samples().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static int series(PrometheusScrape scrape) {
        return (int) scrape.samples().keySet().stream().filter(s -> s.startsWith("cdc_") || s.startsWith("dq_")).count();
    }
}
