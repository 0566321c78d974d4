package io.dqmonitor.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.Ports;
import io.dqmonitor.stack.ServiceProcess;
import io.dqmonitor.system.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast dq-monitor drains a full topic, beside Kafka's {@code ConsumerPerformance} on the same topic in the same
 * run, on JSON and on Avro. Two topics are filled with the same changes through the real pipeline (rows written to
 * PostgreSQL, one Debezium connector with its default JSON converter, schemas on, and one with Apicurio's Avro
 * converter into the stack's schema registry); then each run reads each topic with ConsumerPerformance, with a plain
 * consumer that reads every value byte and one that only reads (decodes and parses) and checks each record
 * ({@link ReaderRun}), with an earlier build of dq-monitor on JSON when {@code -Dbench.baseline-jar} names one (or this
 * build with other JVM options, {@code -Dbench.baseline-jvm}), and with dq-monitor (the packaged jar in its own JVM,
 * every rule evaluated, history, Redis list and dead letters stored, offsets committed), each in a new consumer group
 * or, for the readers, with the partition assigned directly. dq-monitor's time runs from the moment its partition is
 * assigned until the group's committed offset reaches the end of the topic; ConsumerPerformance's fetch rate likewise
 * leaves out its group join.
 *
 * Each run also prints how busy the machine was and the CPU each part of the stack spent a record ({@link MachineCpu}):
 * on a machine that runs the whole stack, every part's CPU counts against the rate.
 *
 * <p>{@code ./mvnw -Pbench -DskipTests package exec:exec@throughput [-Dbench.events=100000 -Dbench.runs=5
 * -Dbench.baseline-jar=<an earlier target/dq-monitor-*.jar> -Dbench.baseline-jvm="<its JVM options>"
 * -Dbench.service-java=<the image's java> -Dbench.service-jar=<target/aot/dq-monitor.jar>
 * -Dbench.cold-records=100000]}
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Bench.setting("events", 100_000);
        int runs = (int) Bench.setting("runs", 5);
        try (EmbeddedStack stack = Bench.startStack("throughput"); Admin admin = Bench.admin(stack)) {
            String registry = stack.startAvroConnector(Ports.free(), false).confluentUrl();
            long records = prefill(stack, admin, events);
            ThroughputFigures figures = new ThroughputFigures(runs);
            for (int run = 1; run <= runs; run++) {
                // which topic goes first alternates, so that neither always meets the warmer page cache
                List<TopicFormat> order = run % 2 == 1 ? List.of(TopicFormat.JSON, TopicFormat.AVRO)
                        : List.of(TopicFormat.AVRO, TopicFormat.JSON);
                for (TopicFormat format : order) {
                    measure(new Contest(stack, admin, registry, records, run, format), figures);
                }
            }
            figures.print(records);
            figures.printGoals();
        }
    }

    /** One topic in one run. */
    private record Contest(EmbeddedStack stack, Admin admin, String registry, long records, int run,
            TopicFormat format) {

        String name() {
            return format.name().toLowerCase(java.util.Locale.ROOT) + "-" + run;
        }
    }

    private static void measure(Contest contest, ThroughputFigures figures) throws Exception {
        int run = contest.run() - 1;
        TopicFormat format = contest.format();
        String servers = contest.stack().bootstrapServers();
        ConsumerPerformanceRun.Result reference =
                ConsumerPerformanceRun.run(servers, format.topic(), contest.records(), "bench-cp-" + contest.name());
        figures.add(run, format, ThroughputFigures.KAFKA, reference.fetchRecordsPerSecond(), Double.NaN);
        ReaderRun.Rate bytes = ReaderRun.run(ReaderRun.Mode.BYTES, format, servers, "", contest.records());
        figures.add(run, format, ThroughputFigures.BYTES, bytes.recordsPerSecond(), bytes.cpuMicrosPerRecord());
        figures.add(run, format, ThroughputFigures.BYTES_WARM, bytes.secondHalfRecordsPerSecond(),
                bytes.secondHalfCpuMicrosPerRecord());
        ReaderRun.Rate read = ReaderRun.run(ReaderRun.Mode.PARSE, format, servers, contest.registry(),
                contest.records());
        figures.add(run, format, "read and check only", read.recordsPerSecond(), read.cpuMicrosPerRecord());
        figures.add(run, format, ThroughputFigures.READ_WARM, read.secondHalfRecordsPerSecond(),
                read.secondHalfCpuMicrosPerRecord());
        String baseline = System.getProperty("bench.baseline-jar", "").trim();
        List<String> baselineJvm = Bench.options("bench.baseline-jvm");
        if (format == TopicFormat.JSON && (!baseline.isEmpty() || !baselineJvm.isEmpty())) {
            Drain before = drain(contest, "before-" + contest.name(), baseline.isEmpty() ? null : Path.of(baseline),
                    baselineJvm.isEmpty() ? Bench.serviceJvmOptions() : baselineJvm);
            figures.add(run, format, "dq-monitor before, whole topic", before.recordsPerSecond(),
                    before.cpuMicrosPerRecord());
            figures.add(run, format, "dq-monitor before, second half", before.secondHalfRecordsPerSecond(),
                    before.secondHalfCpuMicrosPerRecord());
            figures.add(run, format, "dq-monitor before, cold: its first records", Double.NaN,
                    before.coldCpuMicrosPerRecord());
        }
        Drain dq = drain(contest, contest.name(), Bench.serviceJar(), Bench.serviceJvmOptions());
        figures.add(run, format, "dq-monitor, whole topic", dq.recordsPerSecond(), dq.cpuMicrosPerRecord());
        figures.add(run, format, ThroughputFigures.DQ_WARM, dq.secondHalfRecordsPerSecond(),
                dq.secondHalfCpuMicrosPerRecord());
        figures.add(run, format, ThroughputFigures.DQ_COLD, Double.NaN, dq.coldCpuMicrosPerRecord());
        dq.secondHalfThreads().forEach((group, micros) -> figures.add(run, format,
                "  warm, its " + group.label(), Double.NaN, micros));
        Bench.log(String.format("run %d, %s: ConsumerPerformance %,.0f records/s (%.1f MB/s); byte reader %,.0f;"
                        + " read and check %,.0f (%.1f µs of CPU a record); dq-monitor %,.0f records/s (second half"
                        + " %,.0f), %.1f µs of CPU a record (second half %.1f)", contest.run(), format.label(),
                reference.fetchRecordsPerSecond(), reference.megabytesPerSecond(), bytes.recordsPerSecond(),
                read.recordsPerSecond(), read.cpuMicrosPerRecord(), dq.recordsPerSecond(),
                dq.secondHalfRecordsPerSecond(), dq.cpuMicrosPerRecord(), dq.secondHalfCpuMicrosPerRecord()));
        Bench.log(String.format("run %d, %s: during dq-monitor's drain: %s; second half: %s", contest.run(),
                format.label(), dq.machine().describe(), dq.secondHalfMachine().describe()));
        Bench.log(String.format("run %d, %s: dq-monitor's CPU a record by thread, second half: %s; cold: %s",
                contest.run(), format.label(), ThreadCpu.describe(dq.secondHalfThreads()),
                ThreadCpu.describe(dq.coldThreads())));
    }

    /**
     * Writes rows until Debezium has put about {@code events} records on each topic; returns the exact count, the
     * same on both (each connector writes every change and tombstone).
     */
    private static long prefill(EmbeddedStack stack, Admin admin, long events) throws Exception {
        Bench.log("filling the JSON and the Avro topic with about " + events + " records through PostgreSQL and Debezium");
        long start = System.nanoTime();
        try (LoadGenerator load = new LoadGenerator(stack, 4, events)) {
            load.start();
            load.join();
            long expected = load.records();
            for (TopicFormat format : TopicFormat.values()) {
                while (Bench.endOffset(admin, format.partition()) < expected) {
                    Bench.sleep(Duration.ofMillis(200));
                }
            }
            long records = Bench.endOffset(admin, TopicFormat.JSON.partition());
            if (Bench.endOffset(admin, TopicFormat.AVRO.partition()) != records) {
                throw new IllegalStateException("the topics hold different counts of records");
            }
            Map<TopicPartition, Long> bytes = new java.util.HashMap<>();
            admin.describeLogDirs(List.of(1)).allDescriptions().get().values().stream()
                    .flatMap(dir -> dir.values().stream())
                    .forEach(dir -> dir.replicaInfos().forEach((partition, info) ->
                            bytes.merge(partition, info.size(), Long::sum)));
            Bench.log(String.format("topics filled: %,d statements, %,d records each in %d s; bytes a record: JSON %,d,"
                    + " Avro %,d", load.statements(), records, (System.nanoTime() - start) / 1_000_000_000,
                    bytes.getOrDefault(TopicFormat.JSON.partition(), 0L) / records,
                    bytes.getOrDefault(TopicFormat.AVRO.partition(), 0L) / records));
            return records;
        }
    }

    private static Drain drain(Contest contest, String run, Path jar, List<String> jvmOptions) throws Exception {
        String group = "bench-dq-" + run;
        Map<String, String> settings = settings(group, contest.format().serviceSettings(contest.registry()));
        return Drain.run(contest.stack(), contest.admin(),
                new Drain.Target(contest.format().partition(), contest.records(), group),
                new Drain.Service("bench-throughput-" + run, jar, jvmOptions, settings));
    }

    private static Map<String, String> settings(String group, Map<String, String> topic) {
        Map<String, String> settings = new java.util.HashMap<>(topic);
        settings.put("spring.kafka.consumer.group-id", group);
        String extra = System.getProperty("bench.service-args", "");
        for (String arg : extra.trim().split("\\s+")) {
            if (arg.startsWith("--") && arg.contains("=")) {
                settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return settings;
    }
}
