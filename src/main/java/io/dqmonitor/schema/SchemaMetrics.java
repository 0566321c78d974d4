package io.dqmonitor.schema;

import io.dqmonitor.metrics.LabelledMeters;
import io.dqmonitor.metrics.TableLabels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code dq_schema_changes_total{table, change}}: a table's counters start at zero with its first event. */
@Component
public class SchemaMetrics {

    private final TableLabels tables;
    private final LabelledMeters<Counter> changes;
    private final LabelledMeters<Counter> dropped;

    SchemaMetrics(MeterRegistry registry, TableLabels tables) {
        this.tables = tables;
        changes = LabelledMeters.of(registry, l -> Counter.builder("dq.schema.changes")
                .description("Columns added, removed or retyped, as seen in the change stream")
                .tag("table", l.get(0)).tag("change", l.get(1)).register(registry));
        dropped = LabelledMeters.of(registry, l -> Counter.builder("dq.schema.changes.dropped")
                .description("Column changes not reported (no history row, no count) for being beyond "
                        + "dq.schema.max-changes-per-minute of their table")
                .tag("table", l.get(0)).register(registry));
    }

    public void tableSeen(String table) {
        String label = tables.of(table);
        SchemaChange.CHANGES.forEach(change -> changes.get(label, change));
    }

    void dropped(String table, int count) {
        dropped.get(tables.of(table)).increment(count);
    }

    public void schemaChange(String table, String change) {
        changes.get(tables.of(table), change).increment();
    }
}
