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
