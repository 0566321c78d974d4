package io.dqmonitor.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.ServiceProcess;
import io.dqmonitor.system.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * One dq-monitor process draining a full topic in a new group: the rate over the whole topic, over its second half
 * (the process has compiled its code by then), and the CPU each part of the machine used for each, per record;
 * dq-monitor's counts all its threads (consumer, collector, compiler, writers).
 */
record Drain(double recordsPerSecond, double secondHalfRecordsPerSecond, MachineCpu.Spent machine,
        MachineCpu.Spent secondHalfMachine, MachineCpu.Spent coldMachine,
        Map<ThreadCpu.Group, Double> secondHalfThreads, Map<ThreadCpu.Group, Double> coldThreads) {

    /** How many records a fresh process drains for the cold figure: {@code -Dbench.cold-records}. */
    static final long COLD_RECORDS = Bench.setting("cold-records", 100_000);

    /** What to drain: the topic's one partition, how many records it holds, and the new group. */
    record Target(TopicPartition partition, long records, String group) {
    }

    /** The process: its name, the jar (null: this build), its JVM options and settings. */
    record Service(String name, Path jar, List<String> jvmOptions, Map<String, String> settings) {
    }

    double cpuMicrosPerRecord() {
        return machine.microsPerRecord().get(MachineCpu.Part.SERVICE);
    }

    /** The CPU a record over the drain's first {@link #COLD_RECORDS} records (or all, if fewer), start included. */
    double coldCpuMicrosPerRecord() {
        return coldMachine.microsPerRecord().get(MachineCpu.Part.SERVICE);
    }

    double secondHalfCpuMicrosPerRecord() {
        return secondHalfMachine.microsPerRecord().get(MachineCpu.Part.SERVICE);
    }

    /**
     * Drains {@code target} with a new process, timed from the moment its partition is assigned until the group's
     * committed offset reaches the end.
     */
    static Drain run(EmbeddedStack stack, Admin admin, Target target, Service launch) throws Exception {
        resetStoredState(stack);
        ServiceProcess service = Bench.onExit(ServiceProcess.launch(stack, launch.name(), Bench.serviceJava(),
                launch.jar(), launch.jvmOptions(), launch.settings()));
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!Bench.assigned(admin, target.group(), target.partition())) {
                requireAlive(service, deadline);
                Bench.sleep(Duration.ofMillis(2));
            }
            long records = target.records();
            long start = System.nanoTime();
            MachineCpu.Snapshot machineAtStart = MachineCpu.now(service.pid());
            ThreadCpu.Snapshot threadsAtStart = ThreadCpu.now(service.pid());
            MachineCpu.Snapshot machineAtHalf = null;
            MachineCpu.Snapshot machineCold = null;
            ThreadCpu.Snapshot threadsAtHalf = null;
            ThreadCpu.Snapshot threadsCold = null;
            long coldOffset = 0;
            long half = 0;
            long halfOffset = 0;
            for (long committed = 0; committed < records;
                    committed = Bench.committedOffset(admin, target.group(), target.partition())) {
                if (machineCold == null && committed >= Math.min(records, COLD_RECORDS)) {
                    coldOffset = committed;
                    machineCold = MachineCpu.now(service.pid());
                    threadsCold = ThreadCpu.now(service.pid());
                }
                if (half == 0 && committed >= records / 2) {
                    half = System.nanoTime();
                    halfOffset = committed;
                    machineAtHalf = MachineCpu.now(service.pid());
                    threadsAtHalf = ThreadCpu.now(service.pid());
                }
                requireAlive(service, deadline);
                // each look at the committed offset costs the broker and this JVM CPU that dq-monitor then lacks:
                // every 5 ms took 2-4 µs of the machine's CPU a record, every 20 ms is within 0.2% of a 10-s drain
                Bench.sleep(Duration.ofMillis(20));
            }
            long end = System.nanoTime();
            MachineCpu.Snapshot machineAtEnd = MachineCpu.now(service.pid());
            ThreadCpu.Snapshot threadsAtEnd = ThreadCpu.now(service.pid());
            report(service);
            return new Drain(records / ((end - start) / 1e9), (records - halfOffset) / ((end - half) / 1e9),
                    MachineCpu.between(machineAtStart, machineAtEnd, records),
                    MachineCpu.between(machineAtHalf, machineAtEnd, records - halfOffset),
                    machineCold == null ? MachineCpu.between(machineAtStart, machineAtEnd, records)
                            : MachineCpu.between(machineAtStart, machineCold, coldOffset),
                    ThreadCpu.between(threadsAtHalf, threadsAtEnd, records - halfOffset),
                    threadsCold == null ? ThreadCpu.between(threadsAtStart, threadsAtEnd, records)
                            : ThreadCpu.between(threadsAtStart, threadsCold, coldOffset));
        } finally {
            service.terminate(Duration.ofSeconds(60));
        }
    }

    private static void requireAlive(ServiceProcess service, long deadline) {
        if (!service.isAlive() || System.nanoTime() > deadline) {
            throw new IllegalStateException("dq-monitor did not drain the topic, see " + service.log());
        }
    }

    /**
     * What dq-monitor counted: a benchmark that stored less than it read would measure the wrong thing, so a dead
     * letter ends it.
     */
    private static void report(ServiceProcess service) throws Exception {
        PrometheusScrape scrape = PrometheusScrape.parse(service.client(null).get("/actuator/prometheus").body());
        double deadLetters = scrape.sum("cdc_events_rejected_total{");
        Bench.log(String.format("  dq-monitor counted %,.0f change events, %,.0f tombstones, %,.0f violations, %,.0f"
                        + " dead letters; peak resident memory %s", scrape.sum("cdc_events_total{"),
                scrape.value("cdc_records_skipped_total{reason=\"tombstone\"}"), scrape.sum("dq_violations_total{"),
                deadLetters, Memory.peakResident(service.pid())));
        if (deadLetters > 0) {
            throw new IllegalStateException("dq-monitor dead-lettered records of the benchmark, see " + service.log());
        }
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
