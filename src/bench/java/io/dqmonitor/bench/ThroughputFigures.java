package io.dqmonitor.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each contender's rate and CPU a record, per run and per topic format. Ratios are taken within a run, between
 * contenders on the same topic, and their medians printed: the figures of different runs are not compared.
 */
final class ThroughputFigures {

    static final String KAFKA = "Kafka ConsumerPerformance";
    static final String BYTES = "byte reader (the fair limit)";
    static final String BYTES_WARM = "byte reader, second half";
    static final String READ_WARM = "read and check only, second half";
    static final String DQ_WARM = "dq-monitor, second half of the topic";
    static final String DQ_COLD = "dq-monitor, cold: its first records";

    private final int runs;
    private final Map<String, double[]> rates = new LinkedHashMap<>();
    private final Map<String, double[]> cpu = new LinkedHashMap<>();

    ThroughputFigures(int runs) {
        this.runs = runs;
    }

    /** One contender's figures in run {@code run} (from 0); {@code cpuMicros} is NaN when not measured. */
    void add(int run, TopicFormat format, String contender, double recordsPerSecond, double cpuMicros) {
        String key = format.label() + ": " + contender;
        rates.computeIfAbsent(key, k -> nans())[run] = recordsPerSecond;
        cpu.computeIfAbsent(key, k -> nans())[run] = cpuMicros;
    }

    void print(long records) {
        System.out.printf("%nThroughput, %,d records of each topic, median of %d runs (ratios: the median of each run's"
                + " ratio to the same topic's ConsumerPerformance and byte reader):%n", records, runs);
        System.out.printf("  %-48s %12s %8s %8s %14s%n", "", "records/s", "of CP", "of bytes", "µs CPU a record");
        for (String key : rates.keySet()) {
            String format = key.substring(0, key.indexOf(':'));
            System.out.printf("  %-48s %,12.0f %8.2f %8.2f %14s%n", key, Bench.median(rates.get(key)),
                    ratio(key, format + ": " + KAFKA), ratio(key, format + ": " + BYTES),
                    Double.isNaN(cpu.get(key)[0]) ? "" : String.format("%.1f", Bench.median(cpu.get(key))));
        }
    }

    /**
     * The goals, as CPU a record against CPU a record within each run (medians over runs): dq-monitor warm against
     * the byte reader warm (at most 2.5 times) and against the read-and-check reader warm (1.5), and dq-monitor cold
     * against itself warm (2).
     */
    void printGoals() {
        System.out.printf("%nGoals, CPU a record against CPU a record in the same run (median of the runs' ratios):%n");
        for (TopicFormat format : TopicFormat.values()) {
            String label = format.label() + ": ";
            goal(label + "dq-monitor warm / byte reader warm", cpuRatio(label + DQ_WARM, label + BYTES_WARM), 2.5);
            goal(label + "dq-monitor warm / read and check warm", cpuRatio(label + DQ_WARM, label + READ_WARM), 1.5);
            goal(label + "dq-monitor cold / dq-monitor warm", cpuRatio(label + DQ_COLD, label + DQ_WARM), 2.0);
        }
    }

    private static void goal(String what, double ratio, double most) {
        if (!Double.isNaN(ratio)) {
            System.out.printf("  %-56s %6.2f  (goal <= %.1f: %s)%n", what, ratio, most, ratio <= most ? "met" : "not met");
        }
    }

    private double cpuRatio(String key, String of) {
        if (!cpu.containsKey(key) || !cpu.containsKey(of)) {
            return Double.NaN;
        }
        double[] ratios = new double[runs];
        for (int i = 0; i < runs; i++) {
            ratios[i] = cpu.get(key)[i] / cpu.get(of)[i];
        }
        return Bench.median(ratios);
    }

    /** The median over runs of {@code key}'s rate divided by {@code of}'s in the same run; NaN without {@code of}. */
    private double ratio(String key, String of) {
        double[] base = rates.get(of);
        if (base == null) {
            return Double.NaN;
        }
        double[] ratios = new double[runs];
        for (int i = 0; i < runs; i++) {
            ratios[i] = rates.get(key)[i] / base[i];
        }
        return Bench.median(ratios);
    }

    private double[] nans() {
        double[] values = new double[runs];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
