package io.dqmonitor.metrics;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** A gauge per label set that shows the value last set: for states read from elsewhere (a database, a REST API). */
public final class GaugeValue {

    private volatile double value;
    private Gauge gauge;

    private GaugeValue(double initial) {
        this.value = initial;
    }

    public void set(double value) {
        this.value = value;
    }

    public double get() {
        return value;
    }

    /**
     * Gauges named {@code name}, one per set of values of {@code labels}, starting at {@code initial}.
     *
     * @param baseUnit the unit the name ends with ({@code bytes}, {@code seconds}), or null for a count or a state
     */
    public static LabelledMeters<GaugeValue> labelled(MeterRegistry registry, String name, String description,
            String baseUnit, double initial, String... labels) {
        return new LabelledMeters<>(registry, values -> register(registry, name, description, baseUnit, initial,
                labels, values), v -> v.gauge);
    }

    private static GaugeValue register(MeterRegistry registry, String name, String description, String baseUnit,
            double initial, String[] labels, List<String> values) {
        GaugeValue holder = new GaugeValue(initial);
        Gauge.Builder<GaugeValue> builder = Gauge.builder(name, holder, GaugeValue::get).description(description)
                .baseUnit(baseUnit);
        for (int i = 0; i < labels.length; i++) {
            builder.tag(labels[i], values.get(i));
        }
        holder.gauge = builder.register(registry);
        return holder;
    }
}
