package io.dqmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the machine's CPU goes while a contender reads: how busy all cores were, and the CPU time of each part of the
 * stack, as Linux counts it ({@code /proc/stat}, {@code /proc/<pid>/stat}). On a machine where dq-monitor shares its
 * cores with Kafka, PostgreSQL and Redis, a rate is bound by the CPU all of them spend on a record, not by
 * dq-monitor's alone.
 * <p>
 * The parts: dq-monitor's JVM; this JVM, which runs the Kafka broker and Kafka Connect (and the benchmark's own
 * polling, and in the latency benchmark the load's JDBC clients and the recent-changes watcher); PostgreSQL's server
 * processes and Redis's, both started by the stack as this JVM's descendants; everything else this JVM started
 * (ConsumerPerformance's or a reader's JVM, counted once it has ended and been waited for).
 */
final class MachineCpu {

    /** The parts a snapshot splits the CPU into, in the order they are printed. */
    enum Part {
        SERVICE("dq-monitor"), KAFKA("Kafka, Connect and the benchmark"), POSTGRES("PostgreSQL"), REDIS("Redis"),
        OTHER("a reader and other");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** The counters at one moment: busy and total jiffies of all cores, and seconds of CPU used by each part. */
    record Snapshot(long busyTicks, long totalTicks, Map<Part, Double> seconds) {
    }

    /**
     * Between two snapshots: the share of all cores that was busy, and the microseconds of CPU each part spent a
     * record.
     */
    record Spent(double busyShare, Map<Part, Double> microsPerRecord) {

        /** Like "machine 95% busy; CPU a record: dq-monitor 27.0, Kafka, Connect and the benchmark 6.1, ... µs". */
        String describe() {
            StringBuilder line = new StringBuilder(
                    String.format("machine %.0f%% busy; CPU a record:", busyShare * 100));
            String separator = " ";
            for (Map.Entry<Part, Double> part : microsPerRecord.entrySet()) {
                line.append(separator).append(part.getKey().label()).append(String.format(" %.1f", part.getValue()));
                separator = ", ";
            }
            return line.append(" µs").toString();
        }
    }

    private MachineCpu() {
    }

    /** Now; {@code servicePid} is dq-monitor's process, or -1 when none runs. */
    static Snapshot now(long servicePid) {
        long[] cores = cores();
        Map<Part, Double> seconds = new LinkedHashMap<>();
        Arrays.stream(Part.values()).forEach(part -> seconds.put(part, 0.0));
        ProcessHandle current = ProcessHandle.current();
        ProcessCpu.Stat self = ProcessCpu.read(current.pid());
        seconds.merge(Part.KAFKA, self.seconds(), Double::sum);
        seconds.merge(Part.OTHER, self.endedChildrenSeconds(), Double::sum);
        // a process's ended children count as its part: PostgreSQL's backends of closed connections, for one
        current.descendants().forEach(process -> {
            ProcessCpu.Stat stat = ProcessCpu.read(process.pid());
            seconds.merge(part(process, stat.name(), servicePid), stat.seconds() + stat.endedChildrenSeconds(),
                    Double::sum);
        });
        return new Snapshot(cores[0], cores[1], seconds);
    }

    /** What was spent from {@code from} to {@code to}, for {@code records} records. */
    static Spent between(Snapshot from, Snapshot to, long records) {
        long total = to.totalTicks() - from.totalTicks();
        double busy = total <= 0 ? Double.NaN : (double) (to.busyTicks() - from.busyTicks()) / total;
        Map<Part, Double> perRecord = new LinkedHashMap<>();
        to.seconds().forEach((part, seconds) -> perRecord.put(part,
                Math.max(0, seconds - from.seconds().getOrDefault(part, 0.0)) * 1e6 / records));
        return new Spent(busy, perRecord);
    }

    private static Part part(ProcessHandle process, String name, long servicePid) {
        if (process.pid() == servicePid
                || process.parent().map(parent -> parent.pid() == servicePid).orElse(false)) {
            return Part.SERVICE;
        }
        if (name.startsWith("postgres")) {
            return Part.POSTGRES;
        }
        return name.startsWith("redis") ? Part.REDIS : Part.OTHER;
    }

    /** Busy and total ticks of all cores since boot (the first line of /proc/stat); zeros where there is none. */
    static long[] cores() {
        try {
            return parseCores(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** "cpu user nice system idle iowait irq softirq steal ...": idle and iowait are not busy; guests are in user. */
    static long[] parseCores(String line) {
        String[] fields = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        return new long[] {total - idle, total};
    }
}
