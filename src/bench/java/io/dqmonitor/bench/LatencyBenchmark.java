package io.dqmonitor.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import io.dqmonitor.stack.ActivityRow;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.ServiceProcess;
import io.dqmonitor.system.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The whole pipeline under the heaviest write load PostgreSQL takes here, for {@code bench.minutes}: several JDBC
 * clients write as fast as they can while Debezium streams the changes and dq-monitor (the packaged jar, in its own
 * JVM) processes them. Every 30 s it prints the write and processing rates, the backlog in front of Debezium (and
 * how far behind it says it is) and in front of dq-monitor, and dq-monitor's heap and resident memory; at the end, the commit-to-visible latency (source
 * commit to the change in the list {@code /api/changes} serves, and in the metrics), the heap kept after a full
 * collection before and after the load, and the number of dq-monitor's series.
 *
 * <p>{@code ./mvnw -Pbench -DskipTests package exec:exec@latency [-Dbench.minutes=10 -Dbench.clients=4]}; with
 * {@code -Dbench.rate=N} the clients write N statements a second together instead of as many as they can. The run
 * starts after {@code -Dbench.warmup-seconds=60} of the same load (not measured) and until everything caught up.
 * {@code -Dbench.watch-ms=5} is how often the recent-changes list is looked at: more often is a finer commit-to-visible
 * figure, at a cost in CPU to Redis and to this JVM that the pipeline shares.
 */
public final class LatencyBenchmark {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(Bench.setting("minutes", 10));
        int clients = (int) Bench.setting("clients", 4);
        long rate = Bench.setting("rate", 0);
        Duration warmUp = Duration.ofSeconds(Bench.setting("warmup-seconds", 60));
        Duration watchEvery = Duration.ofMillis(Bench.setting("watch-ms", 5));
        try (EmbeddedStack stack = Bench.startStack("latency"); Admin admin = Bench.admin(stack)) {
            createTopic(stack, admin);
            // with the broker's append time the split of the lag is exact; with the producer's (CreateTime),
            // dq-monitor's part would include the time Kafka Connect's producer held the record
            Bench.log("record timestamps of " + Bench.TOPIC + ": " + timestampType(admin));
            ServiceProcess service = Bench.onExit(
                    Bench.ready(ServiceProcess.launch(stack, "bench-latency", Bench.serviceJava(), Bench.serviceJar(),
                            Bench.serviceJvmOptions(), Map.of())));
            warmUp(stack, admin, clients, rate, warmUp);
            long base = Bench.endOffset(admin, Bench.PARTITION);
            try (RecentChangesWatcher watcher = new RecentChangesWatcher(stack.redisPort(), watchEvery)) {
                long heapBefore = Memory.heapAfterFullGcMegabytes(service.pid());
                PrometheusScrape start = scrape(service);
                int seriesBefore = series(start);
                watcher.start();
                long loadStart = System.currentTimeMillis();
                long written;
                MachineCpu.Snapshot cpuAtStart = MachineCpu.now(service.pid());
                MachineCpu.Snapshot cpuAtEnd;
                try (LoadGenerator load = new LoadGenerator(stack, clients, Long.MAX_VALUE, rate)) {
                    load.start();
                    runFor(length, load, service, admin, base);
                    written = load.records();
                    cpuAtEnd = MachineCpu.now(service.pid());
                }
                // this JVM runs the load's JDBC clients and the watcher too, beside Kafka and Connect
                Bench.log(String.format("during the load (every %d ms a look at the list): %s", watchEvery.toMillis(),
                        MachineCpu.between(cpuAtStart, cpuAtEnd, written).describe()));
                Duration drain = awaitDrained(admin, base + written);
                PrometheusScrape end = scrape(service);
                long heapAfter = Memory.heapAfterFullGcMegabytes(service.pid());
                summary(watcher, loadStart, loadStart + length.toMillis() / 2, start, end, written, drain, watchEvery);
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

    /**
     * The same load for a while, unmeasured, and then until Debezium and dq-monitor have caught up: the measured run
     * starts on a warm pipeline, as a burst in production does, not on JVMs that are still compiling their code.
     */
    private static void warmUp(EmbeddedStack stack, Admin admin, int clients, long rate, Duration length)
            throws Exception {
        if (length.isZero()) {
            return;
        }
        long base = Bench.endOffset(admin, Bench.PARTITION);
        Bench.log("warming up: " + length.toSeconds() + " s of the same load, not measured");
        long written;
        try (LoadGenerator load = new LoadGenerator(stack, clients, Long.MAX_VALUE, rate)) {
            load.start();
            Bench.sleep(length);
            written = load.records();
        }
        Duration drain = awaitDrained(admin, base + written);
        Bench.log(String.format("warm: %,d records written, all processed %d s after the warm-up load stopped",
                written, drain.toSeconds()));
    }

    /**
     * One row first, so that the topic exists when dq-monitor subscribes (a topic created later is found only at the
     * next metadata refresh, up to 30 s on).
     */
    private static void createTopic(EmbeddedStack stack, Admin admin) throws Exception {
        try (Connection db = stack.connect(); PreparedStatement insert = db.prepareStatement(ActivityRow.INSERT)) {
            ActivityRow.random(ThreadLocalRandom.current(), false).bind(insert);
            insert.executeUpdate();
        }
        while (!admin.listTopics().names().get().contains(Bench.TOPIC)
                || Bench.endOffset(admin, Bench.PARTITION) < 1) {
            Bench.sleep(Duration.ofMillis(100));
        }
    }

    private static String timestampType(Admin admin) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Bench.TOPIC);
        return admin.describeConfigs(List.of(topic)).all().get().get(topic).get("message.timestamp.type").value();
    }

    private static void runFor(Duration length, LoadGenerator load, ServiceProcess service, Admin admin, long base)
            throws Exception {
        System.out.printf("%n%7s %11s %11s %16s %16s %18s %8s %8s%n", "time", "written/s", "processed/s",
                "Debezium backlog", "Debezium behind", "dq-monitor backlog", "heap MB", "RSS MB");
        long start = System.nanoTime();
        long lastWritten = 0;
        double lastProcessed = processed(scrape(service));
        for (int tick = 1; tick <= length.dividedBy(REPORT_EVERY); tick++) {
            Bench.sleep(Duration.ofNanos(start + REPORT_EVERY.toNanos() * tick - System.nanoTime()));
            PrometheusScrape scrape = scrape(service);
            long written = load.records();
            // committed first: read after the end offset, it could run past it
            long committed = Math.max(0, Bench.committedOffset(admin, "dq-monitor", Bench.PARTITION));
            long end = Bench.endOffset(admin, Bench.PARTITION) - base;
            double processed = processed(scrape);
            System.out.printf("%6ds %11.0f %11.0f %16d %13d ms %18d %8.0f %8d%n", REPORT_EVERY.multipliedBy(tick).toSeconds(),
                    (written - lastWritten) / (double) REPORT_EVERY.toSeconds(),
                    (processed - lastProcessed) / REPORT_EVERY.toSeconds(), Math.max(0, written - end),
                    debeziumBehindMillis(),
                    end + base - committed, heapMegabytes(scrape),
                    Memory.residentMegabytes(service.pid()));
            lastWritten = written;
            lastProcessed = processed;
        }
    }

    /**
     * Debezium's own {@code MilliSecondsBehindSource}: how far the connector (running in this JVM) is behind the
     * commits it has read, as of the last event it handled; read from JMX, so watching it costs the pipeline nothing.
     */
    private static long debeziumBehindMillis() {
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            for (javax.management.ObjectName name : server.queryNames(new javax.management.ObjectName(
                    "debezium.postgres:type=connector-metrics,context=streaming,*"), null)) {
                return ((Number) server.getAttribute(name, "MilliSecondsBehindSource")).longValue();
            }
        } catch (javax.management.JMException e) {
            // not there (yet): reported as unknown
        }
        return -1;
    }

    /** Waits until Debezium and dq-monitor have caught up with every write; returns how long that took. */
    private static Duration awaitDrained(Admin admin, long written) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (Bench.endOffset(admin, Bench.PARTITION) < written
                || Bench.committedOffset(admin, "dq-monitor", Bench.PARTITION) < Bench.endOffset(admin, Bench.PARTITION)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not catch up within 5 minutes of the load's end");
            }
            Bench.sleep(Duration.ofMillis(100));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void summary(RecentChangesWatcher watcher, long loadStart, long secondHalf, PrometheusScrape start,
            PrometheusScrape end, long written, Duration drain, Duration watchEvery) {
        long[] visible = watcher.latenciesSince(loadStart);
        System.out.printf("%n%,d records written; the pipeline caught up %d ms after the load stopped.%n"
                        + "Latency in ms, %-44s %s%n", written, drain.toMillis(), "",
                "whole run                       second half");
        row("commit to visible (recent-changes list)", visible, watcher.latenciesSince(secondHalf));
        System.out.printf("The recent-changes list showed %,d changes, %.0f%% of all: a change is missed when more than%n"
                        + "100 newer ones arrive between two looks %d ms apart.%n"
                        + "dq-monitor's own histograms over the measured run, interpolated as histogram_quantile:%n",
                visible.length, 100.0 * visible.length / Math.max(1, written), watchEvery.toMillis());
        histogram("cdc_event_lag_seconds", "commit to checked (the whole lag)", start, end);
        histogram("cdc_capture_lag_seconds", "commit to Kafka (Debezium's part)", start, end);
        histogram("dq_processing_lag_seconds", "Kafka to checked (dq-monitor's part; goal: p99 under 250 ms)", start, end);
    }

    private static void histogram(String name, String label, PrometheusScrape start, PrometheusScrape end) {
        Map<Double, Double> buckets = lagBuckets(name, end);
        lagBuckets(name, start).forEach((bound, count) -> buckets.merge(bound, -count, Double::sum));
        System.out.printf("  %-62s p50 %5.0f   p95 %5.0f   p99 %5.0f%n", label, 1000 * Bench.quantile(buckets, 0.50),
                1000 * Bench.quantile(buckets, 0.95), 1000 * Bench.quantile(buckets, 0.99));
    }

    private static void row(String label, long[] whole, long[] secondHalf) {
        System.out.printf("  %-43s %s   %s%n", label, percentiles(whole), percentiles(secondHalf));
    }

    private static String percentiles(long[] sorted) {
        return String.format("p50 %5d p95 %5d p99 %5d max %5d", Bench.percentile(sorted, 50),
                Bench.percentile(sorted, 95), Bench.percentile(sorted, 99), Bench.percentile(sorted, 100));
    }

    /** Cumulative counts by upper bound (seconds) of the reference table's histogram of that name. */
    private static Map<Double, Double> lagBuckets(String name, PrometheusScrape scrape) {
        Map<Double, Double> buckets = new TreeMap<>();
        scrape.samples().forEach((series, value) -> {
            if (series.startsWith(name + "_bucket{") && series.contains("public.user_activities")) {
                int from = series.indexOf("{le=\"") >= 0 ? series.indexOf("{le=\"") + 5 : series.indexOf(",le=\"") + 5;
                String le = series.substring(from, series.indexOf('"', from));
                buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value);
            }
        });
        return buckets;
    }

    private static PrometheusScrape scrape(ServiceProcess service) throws Exception {
        return PrometheusScrape.parse(service.client(null).get("/actuator/prometheus").body());
    }

    private static double processed(PrometheusScrape scrape) {
        return scrape.sum("cdc_events_total{") + scrape.sum("cdc_records_skipped_total{reason=\"tombstone\"");
    }

    private static double heapMegabytes(PrometheusScrape scrape) {
        return scrape.sum("jvm_memory_used_bytes{area=\"heap\"") / (1024 * 1024);
    }

    private static int series(PrometheusScrape scrape) {
        return (int) scrape.samples().keySet().stream().filter(s -> s.startsWith("cdc_") || s.startsWith("dq_")).count();
    }
}
