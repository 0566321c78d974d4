package io.dqmonitor.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.ServiceProcess;
import io.dqmonitor.system.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;

/**
 * How fast dq-monitor drains a full topic, beside Kafka's {@code ConsumerPerformance} on the same topic in the same
 * run. The topic is filled through the real pipeline (rows written to PostgreSQL, Debezium with its default JSON
 * converter, schemas on); then each run reads all of it with ConsumerPerformance, with a plain consumer that reads
 * every value byte and one that only parses and checks each record ({@link ReaderRun}), with an earlier build of
 * dq-monitor when {@code -Dbench.baseline-jar} names one (or this build with other JVM options, {@code
 * -Dbench.baseline-jvm}), and with dq-monitor (the packaged jar in its own JVM, every
 * rule evaluated, history, Redis list and dead letters stored, offsets committed), each in a new consumer group or,
 * for the readers, with the partition assigned directly. dq-monitor's time runs from the
 * moment its partition is assigned until the group's committed offset reaches the end of the topic;
 * ConsumerPerformance's fetch rate likewise leaves out its group join.
 *
 * Each run also prints how busy the machine was and the CPU each part of the stack spent a record ({@link MachineCpu}):
 * on a machine that runs the whole stack, every part's CPU counts against the rate.
 *
 * <p>{@code ./mvnw -Pbench -DskipTests package exec:exec@throughput [-Dbench.events=100000 -Dbench.runs=5
 * -Dbench.baseline-jar=<an earlier target/dq-monitor-*.jar> -Dbench.baseline-jvm="<its JVM options>"]}
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Bench.setting("events", 100_000);
        int runs = (int) Bench.setting("runs", 5);
        String baseline = System.getProperty("bench.baseline-jar", "").trim();
        List<String> baselineJvm = Bench.options("bench.baseline-jvm");
        boolean compare = !baseline.isEmpty() || !baselineJvm.isEmpty();
        try (EmbeddedStack stack = Bench.startStack("throughput"); Admin admin = Bench.admin(stack)) {
            long records = prefill(stack, admin, events);
            ThroughputFigures figures = new ThroughputFigures(runs);
            for (int run = 1; run <= runs; run++) {
                MachineCpu.Snapshot beforeReference = MachineCpu.now(-1);
                ConsumerPerformanceRun.Result reference =
                        ConsumerPerformanceRun.run(stack.bootstrapServers(), Bench.TOPIC, records, "bench-cp-" + run);
                MachineCpu.Spent referenceCpu = MachineCpu.between(beforeReference, MachineCpu.now(-1), records);
                double kafka = reference.fetchRecordsPerSecond();
                double bytes = ReaderRun.run(ReaderRun.Mode.BYTES, stack.bootstrapServers(), records);
                MachineCpu.Snapshot beforeParse = MachineCpu.now(-1);
                double parse = ReaderRun.run(ReaderRun.Mode.PARSE, stack.bootstrapServers(), records);
                MachineCpu.Spent parseCpu = MachineCpu.between(beforeParse, MachineCpu.now(-1), records);
                Drain before = !compare ? null : drain(stack, admin, records, "before-" + run,
                        baseline.isEmpty() ? null : Path.of(baseline),
                        baselineJvm.isEmpty() ? Bench.serviceJvmOptions() : baselineJvm);
                Drain dq = drain(stack, admin, records, Integer.toString(run), null, Bench.serviceJvmOptions());
                figures.add(run - 1, kafka, bytes, parse, before, dq);
                Bench.log(String.format("run %d: ConsumerPerformance %,.0f records/s (%,.0f with its group join, %.1f MB/s);"
                        + " byte reader %,.0f; parse and check only %,.0f;%s"
                        + " dq-monitor %,.0f records/s (second half %,.0f), %.0f µs of CPU a record;"
                        + " ratio %.2f (second half %.2f), of the byte reader %.2f (%.2f)",
                        run, kafka, reference.recordsPerSecond(), reference.megabytesPerSecond(), bytes, parse,
                        before == null ? "" : String.format(" before %,.0f (second half %,.0f), %.0f µs of CPU a record;",
                                before.recordsPerSecond(), before.secondHalfRecordsPerSecond(), before.cpuMicrosPerRecord()),
                        dq.recordsPerSecond(), dq.secondHalfRecordsPerSecond(), dq.cpuMicrosPerRecord(),
                        dq.recordsPerSecond() / kafka, dq.secondHalfRecordsPerSecond() / kafka,
                        dq.recordsPerSecond() / bytes, dq.secondHalfRecordsPerSecond() / bytes));
                // a reader's JVM is counted from its start, group join included: more than its rate's share
                Bench.log(String.format("run %d: during ConsumerPerformance's JVM: %s", run, referenceCpu.describe()));
                Bench.log(String.format("run %d: during the parse-and-check reader's JVM: %s", run,
                        parseCpu.describe()));
                if (before != null) {
                    Bench.log(String.format("run %d: during the earlier dq-monitor's drain: %s; second half: %s", run,
                            before.machine().describe(), before.secondHalfMachine().describe()));
                }
                Bench.log(String.format("run %d: during dq-monitor's drain: %s; second half: %s", run,
                        dq.machine().describe(), dq.secondHalfMachine().describe()));
            }
            figures.print(records, runs);
        }
    }

    /**
     * One drain: the rate over the whole topic, over its second half (the process has compiled its code by then), and
     * the CPU each part of the machine used for each, per record; dq-monitor's counts all its threads (consumer,
     * collector, compiler, writers).
     */
    record Drain(double recordsPerSecond, double secondHalfRecordsPerSecond, MachineCpu.Spent machine,
            MachineCpu.Spent secondHalfMachine) {

        double cpuMicrosPerRecord() {
            return machine.microsPerRecord().get(MachineCpu.Part.SERVICE);
        }
    }

    /** Writes rows until Debezium has put about {@code events} records on the topic; returns the exact count. */
    private static long prefill(EmbeddedStack stack, Admin admin, long events) throws Exception {
        Bench.log("filling " + Bench.TOPIC + " with about " + events + " records through PostgreSQL and Debezium");
        long start = System.nanoTime();
        try (LoadGenerator load = new LoadGenerator(stack, 4, events)) {
            load.start();
            load.join();
            long expected = load.records();
            long rows = load.statements();
            while (Bench.endOffset(admin) < expected) {
                Bench.sleep(Duration.ofMillis(200));
            }
            long records = Bench.endOffset(admin);
            long bytes = admin.describeLogDirs(java.util.List.of(1)).allDescriptions().get().values().stream()
                    .flatMap(dir -> dir.values().stream())
                    .mapToLong(dir -> dir.replicaInfos().entrySet().stream()
                            .filter(e -> e.getKey().equals(Bench.PARTITION)).mapToLong(e -> e.getValue().size()).sum())
                    .sum();
            Bench.log(String.format("topic filled: %,d statements, %,d records, %,d bytes on disk (%,d bytes a record)"
                    + " in %d s", rows, records, bytes, bytes / records, (System.nanoTime() - start) / 1_000_000_000));
            return records;
        }
    }

    /** One dq-monitor process drains the topic in a new group. */
    private static Drain drain(EmbeddedStack stack, Admin admin, long records, String run, Path jar,
            List<String> jvmOptions) throws Exception {
        resetStoredState(stack);
        String group = "bench-dq-" + run;
        ServiceProcess service = Bench.onExit(jar == null
                ? ServiceProcess.launch(stack, "bench-throughput-" + run, jvmOptions, settings(group))
                : ServiceProcess.launch(stack, "bench-throughput-" + run, jar, jvmOptions, settings(group)));
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!Bench.assigned(admin, group)) {
                requireAlive(service, deadline);
                Bench.sleep(Duration.ofMillis(2));
            }
            long start = System.nanoTime();
            MachineCpu.Snapshot machineAtStart = MachineCpu.now(service.pid());
            MachineCpu.Snapshot machineAtHalf = null;
            long half = 0;
            long halfOffset = 0;
            for (long committed = 0; committed < records; committed = Bench.committedOffset(admin, group)) {
                if (half == 0 && committed >= records / 2) {
                    half = System.nanoTime();
                    halfOffset = committed;
                    machineAtHalf = MachineCpu.now(service.pid());
                }
                requireAlive(service, deadline);
                // each look at the committed offset costs the broker and this JVM CPU that dq-monitor then lacks:
                // every 5 ms took 2-4 µs of the machine's CPU a record, every 20 ms is within 0.2% of a 10-s drain
                Bench.sleep(Duration.ofMillis(20));
            }
            long end = System.nanoTime();
            MachineCpu.Snapshot machineAtEnd = MachineCpu.now(service.pid());
            report(service);
            return new Drain(records / ((end - start) / 1e9), (records - halfOffset) / ((end - half) / 1e9),
                    MachineCpu.between(machineAtStart, machineAtEnd, records),
                    MachineCpu.between(machineAtHalf, machineAtEnd, records - halfOffset));
        } finally {
            service.terminate(Duration.ofSeconds(60));
        }
    }

    private static Map<String, String> settings(String group) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("spring.kafka.consumer.group-id", group,
                "dq.cdc.topic-pattern", Bench.TOPIC.replace(".", "\\.")));
        String extra = System.getProperty("bench.service-args", "");
        for (String arg : extra.trim().split("\\s+")) {
            if (arg.startsWith("--") && arg.contains("=")) {
                settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return settings;
    }

    private static void requireAlive(ServiceProcess service, long deadline) {
        if (!service.isAlive() || System.nanoTime() > deadline) {
            throw new IllegalStateException("dq-monitor did not drain the topic, see " + service.log());
        }
    }

    /** What dq-monitor counted: a benchmark that stored less than it read would measure the wrong thing. */
    private static void report(ServiceProcess service) throws Exception {
        PrometheusScrape scrape = PrometheusScrape.parse(service.client(null).get("/actuator/prometheus").body());
        double events = scrape.sum("cdc_events_total{");
        double violations = scrape.sum("dq_violations_total{");
        Bench.log(String.format("  dq-monitor counted %,.0f change events, %,.0f tombstones, %,.0f violations; "
                        + "peak resident memory %s", events,
                scrape.value("cdc_records_skipped_total{reason=\"tombstone\"}"), violations, Memory.peakResident(service.pid())));
    }

    /** Each run stores everything anew: an empty history and Redis list, as on a first start. */
    private static void resetStoredState(EmbeddedStack stack) throws Exception {
        try (var db = stack.connect(); var sql = db.createStatement()) {
            sql.execute("DO $$ BEGIN IF to_regclass('dq_monitor.violations') IS NOT NULL THEN "
                    + "TRUNCATE dq_monitor.violations, dq_monitor.schema_changes; END IF; END $$");
        }
        stack.redis().command("DEL", "recent_changes");
    }
}
