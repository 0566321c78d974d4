package io.dqmonitor.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Kafka's own {@code kafka-consumer-perf-test} ({@code org.apache.kafka.tools.ConsumerPerformance}) in a JVM of its
 * own: the fastest a plain consumer reads the topic here, which is what dq-monitor is measured against.
 */
final class ConsumerPerformanceRun {

    private static final String HEADER_START = "start.time, end.time";

    /** Its figures: {@code fetchRecordsPerSecond} leaves out the group join, as dq-monitor's figure does. */
    record Result(double recordsPerSecond, double fetchRecordsPerSecond, double megabytesPerSecond, long records) {
    }

    private ConsumerPerformanceRun() {
    }

    static Result run(String bootstrapServers, String topic, long records, String group)
            throws IOException, InterruptedException {
        return parse(Bench.runJava(List.of("-Xmx512m"), "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", bootstrapServers, "--topic", topic, "--num-records", Long.toString(records),
                "--group", group, "--timeout", "60000"));
    }

    /** The line after the CSV header: start, end, MB, MB/s, records, records/s, rebalance ms, fetch ms, fetch MB/s, fetch records/s. */
    static Result parse(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith(HEADER_START)) {
                String[] values = Arrays.stream(lines.get(i + 1).split(",")).map(String::trim).toArray(String[]::new);
                return new Result(Double.parseDouble(values[5]), Double.parseDouble(values[9]),
                        Double.parseDouble(values[3]), Long.parseLong(values[4]));
            }
        }
        throw new IllegalStateException("no figures in the output of ConsumerPerformance:\n" + output);
    }
}
