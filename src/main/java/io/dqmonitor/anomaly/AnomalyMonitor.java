package io.dqmonitor.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.rules.AnomalyRules;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import org.springframework.stereotype.Component;

/**
 * Feeds the tables' signals from the stored change stream and queues each closed window for judging. Called on the
 * consumer thread once a batch is stored, so it only aggregates in memory; {@link AnomalyJudge} judges the queue in
 * the background. Each Kafka record is counted once, however often it is delivered.
 */
@Component
public class AnomalyMonitor {

    /** Minutes a heartbeat must be ahead of a minute's end before that minute closes without a change. */
    private static final long GRACE_MINUTES = 2;

    private final RulesInForce rules;
    private final Map<String, TableSignals> tables = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Long> lastOffsets = new HashMap<>();
    private final List<Observation> pending = new ArrayList<>();

    private record Shape(Set<String> kinds, List<String> columns) {
    }

    public AnomalyMonitor(RulesInForce rules) {
        this.rules = rules;
    }

    /** Counts one stored change; a record at or before the last one counted from its partition is ignored. */
    public synchronized void record(ChangeEvent event, boolean violated, String topic, int partition, long offset) {
        String position = topic + '-' + partition;
        if (offset <= lastOffsets.getOrDefault(position, -1L)) {
            return;
        }
        lastOffsets.put(position, offset);
        signals(event.table()).ifPresent(signals -> pending.addAll(signals.add(event, violated)));
    }

    /** The source has committed everything up to {@code time} (a heartbeat): minutes well before it can close. */
    public synchronized void watermark(Instant time) {
        long minute = Math.floorDiv(time.getEpochSecond(), 60) - GRACE_MINUTES;
        tables.values().forEach(signals -> pending.addAll(signals.closeBefore(minute)));
    }

    synchronized List<Observation> pending(int limit) {
        return List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
    }

    /** Drops the first {@code count} pending observations, once they have been judged and stored. */
    synchronized void judged(int count) {
        pending.subList(0, count).clear();
    }

    private Optional<TableSignals> signals(String table) {
        Optional<TableRules> tableRules = rules.table(table).filter(r -> r.anomaly().enabled());
        if (tableRules.isEmpty()) {
            tables.remove(table);
            return Optional.empty();
        }
        Shape shape = shape(tableRules.get());
        if (!shape.equals(shapes.get(table))) {
            // new rules changed what is learned: aggregation starts again (its first minute is not judged)
            shapes.put(table, shape);
            tables.put(table, new TableSignals(table, shape.kinds(), shape.columns()));
        }
        return Optional.of(tables.get(table));
    }

    private static Shape shape(TableRules table) {
        Set<String> columns = new LinkedHashSet<>();
        table.checks().forEach(check -> columns.add(check.column()));
        table.conditionals().forEach(c -> c.checks().forEach(check -> columns.add(check.column())));
        columns.addAll(table.anomaly().columns());
        columns.remove(TableRules.TABLE_COLUMN);
        table.personal().forEach((column, mode) -> {
            if (mode == PiiMode.DROP) {
                columns.remove(column);
            }
        });
        return new Shape(table.anomaly().signals(), List.copyOf(columns));
    }

    /** The detector settings of a table's signal under the rules in force, if it is still learned. */
    Optional<DetectorSettings> settings(String table, Signal signal) {
        return rules.table(table).map(TableRules::anomaly).filter(AnomalyRules::enabled).map(a -> new DetectorSettings(
                a.sensitivity(), a.seasonality(), a.direction() == null ? signal.defaultDirection() : a.direction(),
                a.minChange(), a.minRelativeChange(), a.warmUp(), DetectorSettings.DEFAULTS.rearm()));
    }
}
