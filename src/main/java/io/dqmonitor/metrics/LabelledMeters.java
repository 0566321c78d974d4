package io.dqmonitor.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of one name, one per set of label values, created on first use (which is how every feature starts its
 * meters at zero: it asks for them before anything happens) and removable again. The hot path does a map look-up,
 * not a registry look-up.
 *
 * @param <T> what a feature keeps per label set: the meter itself, or a gauge with the value it reads
 */
public final class LabelledMeters<T> {

    private final MeterRegistry registry;
    private final Function<List<String>, T> create;
    private final Function<T, Meter> meterOf;
    private final Map<List<String>, T> meters = new ConcurrentHashMap<>();

    public LabelledMeters(MeterRegistry registry, Function<List<String>, T> create, Function<T, Meter> meterOf) {
        this.registry = registry;
        this.create = create;
        this.meterOf = meterOf;
    }

    /** Meters that are their own handle (counters, timers). */
    public static <M extends Meter> LabelledMeters<M> of(MeterRegistry registry, Function<List<String>, M> create) {
        return new LabelledMeters<M>(registry, create, meter -> meter);
    }

    public T get(String... labelValues) {
        return meters.computeIfAbsent(List.of(labelValues), create);
    }

    /** Removes, from this set and from the registry, the meters whose label values match. */
    public void removeIf(Predicate<List<String>> labelValues) {
        meters.keySet().removeIf(key -> {
            if (!labelValues.test(key)) {
                return false;
            }
            registry.remove(meterOf.apply(meters.get(key)));
            return true;
        });
    }
}
