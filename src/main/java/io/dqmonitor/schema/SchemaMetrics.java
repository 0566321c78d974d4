package io.dqmonitor.schema;

import io.dqmonitor.metrics.LabelledMeters;
import io.dqmonitor.metrics.TableLabels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code dq_schema_changes_total{table, change}}: a table's counters start at zero with its first event; and
 * {@code dq_contract_schema_violations_total{table, kind}} for tables whose data contract declares their schema.
 */
@Component
public class SchemaMetrics {

    private final TableLabels tables;
    private final LabelledMeters<Counter> changes;
    private final LabelledMeters<Counter> dropped;
    private final LabelledMeters<Counter> contract;

    SchemaMetrics(MeterRegistry registry, TableLabels tables) {
        this.tables = tables;
        changes = LabelledMeters.of(registry, l -> Counter.builder("dq.schema.changes")
                .description("Columns added, removed or retyped, as seen in the change stream")
                .tag("table", l.get(0)).tag("change", l.get(1)).register(registry));
        dropped = LabelledMeters.of(registry, l -> Counter.builder("dq.schema.changes.dropped")
                .description("Column changes not reported (no history row, no count) for being beyond "
                        + "dq.schema.max-changes-per-minute of their table")
                .tag("table", l.get(0)).register(registry));
        contract = LabelledMeters.of(registry, l -> Counter.builder("dq.contract.schema.violations")
                .description("Columns of a table with a data contract that depart from its declared schema: "
                        + "undeclared, missing from a whole row, or of a type that does not fit")
                .tag("table", l.get(0)).tag("kind", l.get(1)).register(registry));
    }

    /** A table whose contract declares its schema: its counters start at zero, so that increase() sees the first. */
    public void contractDeclared(String table) {
        String label = tables.of(table);
        SchemaChange.CONTRACT_KINDS.forEach(kind -> contract.get(label, kind));
    }

    public void tableSeen(String table) {
        String label = tables.of(table);
        SchemaChange.CHANGES.forEach(change -> changes.get(label, change));
    }

    void dropped(String table, int count) {
        dropped.get(tables.of(table)).increment(count);
    }

    /** A change of the table's columns, or a departure from its contract's schema. */
    public void schemaChange(String table, String change) {
        (SchemaChange.CONTRACT_KINDS.contains(change) ? contract : changes).get(tables.of(table), change).increment();
    }
}
