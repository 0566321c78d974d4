package io.dqmonitor.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.HeartbeatTopics;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.rules.AnomalyRules;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import org.springframework.stereotype.Component;

/**
 * Feeds the tables' signals from the stored change stream and queues each closed window for judging. Called on the
 * consumer thread once a batch is stored, so it only aggregates in memory; {@link AnomalyJudge} judges the queue in
 * the background. Each Kafka record is counted once, however often it is delivered.
 * <p>
 * A quiet minute closes on a heartbeat of the table's own connector (the heartbeat topic
 * {@code __debezium-heartbeat.<prefix>} speaks for the topics {@code <prefix>.*}), and only once the table's
 * partitions are read to their end: another connector's heartbeat, or one read ahead of a backlog, would close
 * minutes whose changes are still to come.
 */
@Component
public class AnomalyMonitor {

    /** Minutes a heartbeat must be ahead of a minute's end before that minute closes without a change. */
    private static final long GRACE_MINUTES = 2;

    private final RulesInForce rules;
    private final Map<String, TableSignals> tables = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Long> lastOffsets = new HashMap<>();
    private final Map<String, Set<Partition>> partitions = new HashMap<>();
    private final Map<String, Instant> heartbeats = new HashMap<>();
    private final List<Observation> pending = new ArrayList<>();
    private final Map<String, Long> late = new ConcurrentHashMap<>();

    private record Partition(String topic, int partition) {
    }

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
        signals(event.table()).ifPresent(signals -> {
            partitions.computeIfAbsent(event.table(), t -> new HashSet<>()).add(new Partition(topic, partition));
            pending.addAll(signals.add(event, violated));
        });
    }

    /** A connector has committed everything up to {@code time}: a heartbeat read from {@code heartbeatTopic}. */
    public synchronized void heartbeat(String heartbeatTopic, Instant time) {
        String prefix = HeartbeatTopics.connector(heartbeatTopic) + '.';
        heartbeats.merge(prefix, time, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Closes the minutes well before their connector's last heartbeat, of every table whose partitions are read. */
    public synchronized void advance(CaughtUp caughtUp) {
        tables.forEach((table, signals) -> heartbeatOf(table)
                .filter(time -> partitions.getOrDefault(table, Set.of()).stream()
                        .allMatch(p -> caughtUp.test(p.topic(), p.partition())))
                .ifPresent(time -> pending.addAll(
                        signals.closeBefore(Math.floorDiv(time.getEpochSecond(), 60) - GRACE_MINUTES))));
    }

    private Optional<Instant> heartbeatOf(String table) {
        Set<Partition> read = partitions.getOrDefault(table, Set.of());
        return heartbeats.entrySet().stream()
                .filter(h -> !read.isEmpty() && read.stream().allMatch(p -> p.topic().startsWith(h.getKey())))
                .max(Comparator.comparingInt(h -> h.getKey().length())).map(Map.Entry::getValue);
    }

    /** Changes of the table whose minute had closed when they arrived, since this instance started. */
    long late(String table) {
        return late.getOrDefault(table, 0L);
    }

    synchronized int pendingCount() {
        return pending.size();
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
            partitions.remove(table);
            return Optional.empty();
        }
        Shape shape = shape(tableRules.get());
        if (!shape.equals(shapes.get(table))) {
            // new rules changed what is learned: aggregation starts again (its first minute is not judged)
            shapes.put(table, shape);
            tables.put(table, new TableSignals(table, shape.kinds(), shape.columns(),
                    () -> late.merge(table, 1L, Long::sum)));
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
