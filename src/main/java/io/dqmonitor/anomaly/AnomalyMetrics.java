package io.dqmonitor.anomaly;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
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
    private final AnomalyMonitor monitor;
    private final Map<List<String>, double[]> latest = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> raised = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> windows = new ConcurrentHashMap<>();
    private final Set<String> tables = ConcurrentHashMap.newKeySet();

    private static final List<String> GAUGES = List.of("dq.anomaly.score", "dq.anomaly.observed",
            "dq.anomaly.expected", "dq.anomaly.band.lower", "dq.anomaly.band.upper",
            "dq.anomaly.training.progress.ratio");

    private final AtomicLong pending = new AtomicLong();

    AnomalyMetrics(MeterRegistry registry, AnomalyMonitor monitor) {
        this.registry = registry;
        this.monitor = monitor;
        Gauge.builder("dq.anomaly.windows.pending", pending, AtomicLong::doubleValue)
                .description("Minutes every partition has closed that this instance's tables still have to judge: "
                        + "grows while a backlog is read").register(registry);
    }

    void pending(long minutes) {
        pending.set(minutes);
    }

    /**
     * Removes the latest-window gauges of tables this instance no longer leads: the lead reports them, and
     * {@code max by (table, signal)} must not read a stale series. The counters stay, to be summed.
     */
    void retain(Set<String> led) {
        latest.keySet().removeIf(key -> {
            if (led.contains(key.get(0))) {
                return false;
            }
            Tags tags = Tags.of("table", key.get(0), "signal", key.get(1));
            GAUGES.forEach(name -> Optional.ofNullable(registry.find(name).tags(tags).gauge()).ifPresent(registry::remove));
            return true;
        });
    }

    void judged(Observation window, Assessment assessment) {
        String table = window.table();
        Signal signal = window.signal();
        double[] values = latest.computeIfAbsent(List.of(table, signal.name()), key -> register(table, signal.name()));
        values[0] = assessment.score();
        values[1] = window.value();
        values[2] = window.fromModel(assessment.expected());
        values[3] = window.fromModel(assessment.lower());
        values[4] = window.fromModel(assessment.upper());
        values[5] = assessment.progress();
        windows.get(List.of(table, signal.name())).increment();
        if (assessment.raised()) {
            raised.get(List.of(table, signal.name())).increment();
        }
    }

    /** A window whose value is not a finite number: not judged, so that no detector learns it. */
    void notFinite(Observation window) {
        Counter.builder("dq.anomaly.windows.skipped").description("Windows of the signal not judged because their "
                + "value was not a finite number (a mean whose sum overflowed)")
                .tags("table", window.table(), "signal", window.signal().name()).register(registry).increment();
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
        windows.put(List.of(table, signal), Counter.builder("dq.anomaly.windows.judged").description(
                "Windows of the signal judged (a minute of a count, a pool of 30 changes of a share or mean)")
                .tags(tags).register(registry));
        if (tables.add(table)) {
            // a change can only be late once a window of its table has closed, so the table's first judgement is soon
            // enough
            FunctionCounter.builder("dq.anomaly.late.changes", monitor, m -> m.late(table)).description(
                    "Changes whose minute had closed before they arrived (after a heartbeat): counted in no window")
                    .tags("table", table).register(registry);
        }
        return values;
    }

    private void gauge(String name, String description, double[] values, int index, Tags tags) {
        Gauge.builder(name, values, v -> v[index]).description(description).tags(tags).register(registry);
    }
}
