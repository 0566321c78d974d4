package io.dqmonitor.anomaly;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

/**
 * The anomaly detectors' meters, one set per (table, signal): the latest window's score, observed value, expected
 * value and band, the warm-up's progress, and the anomalies raised. Tables are those with rules and signals are
 * bounded by their configured columns, so the label values are bounded too.
 */
@Component
class AnomalyMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, double[]> latest = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> raised = new ConcurrentHashMap<>();

    AnomalyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void judged(String table, Signal signal, double observed, Assessment assessment) {
        double[] values = latest.computeIfAbsent(List.of(table, signal.name()), key -> register(table, signal.name()));
        values[0] = assessment.score();
        values[1] = observed;
        values[2] = signal.fromModel(assessment.expected());
        values[3] = signal.fromModel(assessment.lower());
        values[4] = signal.fromModel(assessment.upper());
        values[5] = assessment.progress();
        Counter counter = raised.get(List.of(table, signal.name()));
        if (assessment.raised()) {
            counter.increment();
        }
    }

    private double[] register(String table, String signal) {
        double[] values = {0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
        Tags tags = Tags.of("table", table, "signal", signal);
        gauge("dq.anomaly.score", "How rare the latest window of the signal is: 0 as expected, 0.9 rarer than once "
                + "in about 9 days, towards 1 rarer than anything seen", values, 0, tags);
        gauge("dq.anomaly.observed", "The signal's latest window (changes per minute, a share, or a mean)", values, 1,
                tags);
        gauge("dq.anomaly.expected", "The value the detector expected for the signal's latest window", values, 2, tags);
        gauge("dq.anomaly.band.lower", "Lower edge of the band the signal's latest window was expected in", values, 3,
                tags);
        gauge("dq.anomaly.band.upper", "Upper edge of the band the signal's latest window was expected in", values, 4,
                tags);
        gauge("dq.anomaly.training.progress.ratio", "Share of the detector's warm-up done: it raises nothing before 1",
                values, 5, tags);
        raised.put(List.of(table, signal), Counter.builder("dq.anomalies").description(
                "Anomalies raised: windows of a signal far outside what its detector learned").tags(tags)
                .register(registry));
        return values;
    }

    private void gauge(String name, String description, double[] values, int index, Tags tags) {
        Gauge.builder(name, values, v -> v[index]).description(description).tags(tags).register(registry);
    }
}
