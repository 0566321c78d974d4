package io.dqmonitor.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.rules.Evaluation;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.schema.SchemaChange;
import org.springframework.stereotype.Component;

/** What this instance has seen of each table since it started: the source of {@code GET /api/quality}. */
@Component
public class TableStatistics {

    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    private static final class Table {
        private final Map<String, Long> events = new TreeMap<>();
        private final Map<String, Long> violations = new TreeMap<>();
        private Instant lastEvent;
        private SchemaChange lastSchemaChange;
        private Instant lastSchemaChangeAt;
    }

    /** Records one stored event with what its checks found. */
    public void record(ChangeEvent event, Evaluation evaluation, List<SchemaChange> schemaChanges) {
        Table table = tables.computeIfAbsent(event.table(), t -> new Table());
        synchronized (table) {
            table.events.merge(event.op().label(), 1L, Long::sum);
            evaluation.violations().forEach(v -> table.violations.merge(v.rule(), 1L, Long::sum));
            if (event.sourceTimestamp() != null
                    && (table.lastEvent == null || event.sourceTimestamp().isAfter(table.lastEvent))) {
                table.lastEvent = event.sourceTimestamp();
            }
            if (!schemaChanges.isEmpty()) {
                table.lastSchemaChange = schemaChanges.get(schemaChanges.size() - 1);
                table.lastSchemaChangeAt = event.sourceTimestamp();
            }
        }
    }

    /** One summary per table that has rules or has been seen, sorted by table. */
    List<TableQuality> report(Map<String, TableRules> rules, Instant now) {
        TreeSet<String> names = new TreeSet<>(rules.keySet());
        names.addAll(tables.keySet());
        return names.stream().map(name -> summary(name, rules.get(name), tables.get(name), now)).toList();
    }

    private static TableQuality summary(String name, TableRules rules, Table table, Instant now) {
        Duration threshold = rules == null ? null : rules.freshness();
        if (table == null) {
            return new TableQuality(name, Map.of(), Map.of(), null, null, freshness(threshold, null, now));
        }
        synchronized (table) {
            TableQuality.LastSchemaChange schemaChange = table.lastSchemaChange == null ? null
                    : new TableQuality.LastSchemaChange(table.lastSchemaChange.change(),
                            table.lastSchemaChange.column(), String.valueOf(table.lastSchemaChangeAt));
            return new TableQuality(name, Map.copyOf(table.events), Map.copyOf(table.violations), schemaChange,
                    table.lastEvent == null ? null : table.lastEvent.toString(),
                    freshness(threshold, table.lastEvent, now));
        }
    }

    private static TableQuality.Freshness freshness(Duration threshold, Instant lastEvent, Instant now) {
        Long age = lastEvent == null ? null : Duration.between(lastEvent, now).toSeconds();
        String state = threshold == null ? "unbounded"
                : lastEvent == null ? "unknown"
                : Duration.between(lastEvent, now).compareTo(threshold) > 0 ? "stale" : "fresh";
        return new TableQuality.Freshness(threshold == null ? null : threshold.toString(), age, state);
    }
}
