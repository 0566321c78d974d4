package io.dqmonitor.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.ChangeEvent;
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
    List<Map<String, Object>> report(Map<String, TableRules> rules, Instant now) {
        TreeSet<String> names = new TreeSet<>(rules.keySet());
        names.addAll(tables.keySet());
        return names.stream().map(name -> summary(name, rules.get(name), tables.get(name), now)).toList();
    }

    private static Map<String, Object> summary(String name, TableRules rules, Table table, Instant now) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("table", name);
        Instant lastEvent = null;
        if (table == null) {
            summary.put("events", Map.of());
            summary.put("violations", Map.of());
            summary.put("lastSchemaChange", null);
        } else {
            synchronized (table) {
                summary.put("events", Map.copyOf(table.events));
                summary.put("violations", Map.copyOf(table.violations));
                lastEvent = table.lastEvent;
                summary.put("lastSchemaChange", table.lastSchemaChange == null ? null : Map.of(
                        "change", table.lastSchemaChange.change(), "column", table.lastSchemaChange.column(),
                        "at", String.valueOf(table.lastSchemaChangeAt)));
            }
        }
        summary.put("lastEventTime", lastEvent == null ? null : lastEvent.toString());
        summary.put("freshness", freshness(rules == null ? null : rules.freshness(), lastEvent, now));
        return summary;
    }

    private static Map<String, Object> freshness(Duration threshold, Instant lastEvent, Instant now) {
        Map<String, Object> freshness = new LinkedHashMap<>();
        freshness.put("threshold", threshold == null ? null : threshold.toString());
        freshness.put("ageSeconds", lastEvent == null ? null : Duration.between(lastEvent, now).toSeconds());
        String state = threshold == null ? "unbounded"
                : lastEvent == null ? "unknown"
                : Duration.between(lastEvent, now).compareTo(threshold) > 0 ? "stale" : "fresh";
        freshness.put("state", state);
        return freshness;
    }
}
