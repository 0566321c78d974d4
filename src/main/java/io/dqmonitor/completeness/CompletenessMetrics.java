package io.dqmonitor.completeness;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.dqmonitor.metrics.LabelledMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code dq_cdc_row_count_drift{table}}, for the tables with rules only: a table that leaves the rules loses it. */
@Component
class CompletenessMetrics {

    private record Drift(Gauge gauge, AtomicLong rows) {
    }

    private final LabelledMeters<Drift> drift;

    CompletenessMetrics(MeterRegistry registry) {
        drift = new LabelledMeters<>(registry, l -> {
            AtomicLong rows = new AtomicLong();
            return new Drift(Gauge.builder("dq.cdc.row.count.drift", rows, AtomicLong::doubleValue)
                    .description("count(*) of the table minus the row count implied by the change stream since a baseline")
                    .tag("table", l.get(0)).register(registry), rows);
        }, Drift::gauge);
    }

    /** Rows in the table minus rows the change stream accounts for: lasting non-zero means lost or extra events. */
    void drift(String table, long rows) {
        drift.get(table).rows().set(rows);
    }

    void retain(Set<String> tables) {
        drift.removeIf(l -> !tables.contains(l.get(0)));
    }
}
