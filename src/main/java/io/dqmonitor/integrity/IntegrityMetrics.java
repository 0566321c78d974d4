package io.dqmonitor.integrity;

import io.dqmonitor.metrics.FirstNames;
import io.dqmonitor.metrics.GaugeValue;
import io.dqmonitor.metrics.LabelledMeters;
import io.dqmonitor.metrics.TableLabels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The stream's integrity: {@code cdc_unavailable_values_total{table,column}}, {@code cdc_snapshot_reruns_total},
 * {@code cdc_position_regressions_total} (per connector, at zero from its first change) and
 * {@code cdc_snapshot_rows{table}}.
 */
@Component
class IntegrityMetrics {

    static final String OTHER_COLUMN = "_other";

    private final TableLabels tables;
    private final FirstNames columns;
    private final LabelledMeters<Counter> unavailable;
    private final LabelledMeters<Counter> reruns;
    private final LabelledMeters<Counter> regressions;
    private final LabelledMeters<GaugeValue> snapshotRows;

    IntegrityMetrics(MeterRegistry registry, TableLabels tables, IntegrityProperties properties) {
        this.tables = tables;
        this.columns = new FirstNames(properties.maxColumns());
        unavailable = LabelledMeters.of(registry, l -> Counter.builder("cdc.unavailable.values")
                .description("Column values the connector could not read and sent its placeholder for (an unchanged "
                        + "TOASTed value without REPLICA IDENTITY FULL): unknown, not checked")
                .tag("table", l.get(0)).tag("column", l.get(1)).register(registry));
        reruns = LabelledMeters.of(registry, l -> Counter.builder("cdc.snapshot.reruns")
                .description("Snapshots a connector started again after it had sent changes (lost offsets, a new "
                        + "slot, a blocking snapshot signal): each re-sends every row as a read")
                .tag("connector", l.get(0)).register(registry));
        regressions = LabelledMeters.of(registry, l -> Counter.builder("cdc.position.regressions")
                .description("Changes older in their source's log than one already read from the same connector "
                        + "and partition, and not a redelivery of a change read before")
                .tag("connector", l.get(0)).register(registry));
        snapshotRows = GaugeValue.labelled(registry, "cdc.snapshot.rows",
                "Rows of the table read by its latest snapshot so far", null, 0, "table");
    }

    void connectorSeen(String connector) {
        reruns.get(connector);
        regressions.get(connector);
    }

    void unavailable(String table, String column) {
        String tableLabel = tables.of(table);
        String columnLabel = columns.admit(tableLabel + '\u0000' + column) ? column : OTHER_COLUMN;
        unavailable.get(tableLabel, columnLabel).increment();
    }

    void snapshotRerun(String connector) {
        reruns.get(connector).increment();
    }

    void regression(String connector) {
        regressions.get(connector).increment();
    }

    /** The rows of {@code table} read by its latest snapshot so far. */
    void snapshotRows(String table, long rows) {
        snapshotRows.get(tables.of(table)).set(rows);
    }
}
