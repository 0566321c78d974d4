package io.dqmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * dq-monitor's CPU by thread, as Linux counts it for each thread ({@code /proc/<pid>/task/<tid>/stat}), grouped by
 * what the threads do: where a record's CPU goes, beside the one total {@link MachineCpu} compares with the readers'.
 * A thread that ended between two snapshots is counted in {@link Group#OTHER}, the remainder of the process's total.
 */
final class ThreadCpu {

    /** The groups, by the names the JVM, dq-monitor and its clients give threads (15 characters, as Linux keeps). */
    enum Group {
        CONSUMER("consumer (poll, parse, check)"), STORE("store"), RECENT("recent-changes writer"),
        REDIS("Redis client"), KAFKA("Kafka client"), GC("garbage collector"), JIT("JIT compilers"),
        OTHER("other");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Seconds of CPU by thread id, and the process's own total (which includes the threads that ended). */
    record Snapshot(Map<Long, Double> byThread, Map<Long, Group> groups, double process) {
    }

    private ThreadCpu() {
    }

    static Snapshot now(long pid) {
        Map<Long, Double> seconds = new LinkedHashMap<>();
        Map<Long, Group> groups = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                ProcessCpu.Stat stat = ProcessCpu.read(Path.of(task.toString(), "stat"));
                long tid = Long.parseLong(task.getFileName().toString());
                seconds.put(tid, stat.seconds());
                groups.put(tid, group(stat.name()));
            });
        } catch (IOException | RuntimeException e) {
            // no /proc, or the process is gone: nothing to split
        }
        return new Snapshot(seconds, groups, ProcessCpu.read(pid).seconds());
    }

    /** Microseconds of CPU a record, by group, between two snapshots; the groups add up to the process's total. */
    static Map<Group, Double> between(Snapshot from, Snapshot to, long records) {
        Map<Group, Double> micros = new LinkedHashMap<>();
        for (Group group : Group.values()) {
            micros.put(group, 0.0);
        }
        double named = 0;
        for (Map.Entry<Long, Double> thread : to.byThread().entrySet()) {
            double spent = Math.max(0, thread.getValue() - from.byThread().getOrDefault(thread.getKey(), 0.0));
            named += spent;
            micros.merge(to.groups().get(thread.getKey()), spent * 1e6 / records, Double::sum);
        }
        micros.merge(Group.OTHER, Math.max(0, to.process() - from.process() - named) * 1e6 / records, Double::sum);
        return micros;
    }

    /** Like "consumer (poll, parse, check) 18.2, store 9.1, ... µs". */
    static String describe(Map<Group, Double> micros) {
        StringBuilder line = new StringBuilder();
        micros.forEach((group, value) -> line.append(line.isEmpty() ? "" : ", ").append(group.label())
                .append(String.format(" %.1f", value)));
        return line.append(" µs").toString();
    }

    static Group group(String name) {
        if (name.startsWith("dq-monitor-cdc")) {
            return Group.CONSUMER;
        } else if (name.startsWith("dq-store")) {
            return Group.STORE;
        } else if (name.startsWith("dq-recent")) {
            return Group.RECENT;
        } else if (name.startsWith("lettuce")) {
            return Group.REDIS;
        } else if (name.startsWith("kafka")) {
            return Group.KAFKA;
        } else if (name.startsWith("GC Thread") || name.equals("VM Thread")) {
            // SerialGC collects in the VM thread; the parallel collector's workers are "GC Thread#n"
            return Group.GC;
        }
        return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? Group.JIT : Group.OTHER;
    }
}
