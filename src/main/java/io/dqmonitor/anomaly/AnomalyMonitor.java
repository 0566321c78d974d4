package io.dqmonitor.anomaly;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.partitions.CaughtUp;
import io.dqmonitor.partitions.HeartbeatTopics;
import io.dqmonitor.partitions.PartitionKey;
import io.dqmonitor.partitions.PartitionStates;
import io.dqmonitor.partitions.PartitionsMoved;
import io.dqmonitor.partitions.StoredChange;
import io.dqmonitor.partitions.TableLeads;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.rules.AnomalyRules;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the tables' signals from the stored change stream: each batch's changes are counted by table, partition and
 * minute ({@link PartitionSignals}) and stored before the batch's offsets are committed, so each record counts once
 * whoever reads it; the table's lead judges the minutes every partition has closed ({@link AnomalyJudge}).
 * <p>
 * A quiet partition's minute closes on a heartbeat of the table's own connector (the heartbeat topic
 * {@code __debezium-heartbeat.<prefix>} speaks for the topics {@code <prefix>.*}), and only once the partition is read
 * to its end: another connector's heartbeat, or one read ahead of a backlog, would close minutes whose changes are
 * still to come.
 */
@Component
public class AnomalyMonitor {

    /** Minutes a heartbeat must be ahead of a minute's end before that minute closes without a change. */
    private static final long GRACE_MINUTES = 2;

    /** A heartbeat read from {@code topic}: its connector has committed everything up to {@code time}. */
    public record Heartbeat(String topic, Instant time) {
    }

    record Shape(Set<String> kinds, List<String> columns) {
    }

    private final RulesInForce rules;
    private final MinuteStore store;
    private final TableLeads leads;
    private final PartitionStates<PartitionSignals> partitions;
    private final Map<String, Instant> heartbeats = new HashMap<>();
    private final Map<String, Long> late = new ConcurrentHashMap<>();

    AnomalyMonitor(RulesInForce rules, MinuteStore store, TableLeads leads) {
        this.rules = rules;
        this.store = store;
        this.leads = leads;
        this.partitions = new PartitionStates<>(store::load, PartitionSignals::empty);
    }

    /**
     * Counts a stored batch and closes the minutes its heartbeats close, for the partitions {@code caughtUp} says are
     * read to their end; one write of the partitions it moved.
     */
    public synchronized void record(List<StoredChange> changes, List<Heartbeat> beats, CaughtUp caughtUp) {
        beats.forEach(h -> heartbeats.merge(HeartbeatTopics.connector(h.topic()) + '.', h.time(),
                (a, b) -> a.isAfter(b) ? a : b));
        // read from the rules once per table and batch, not once per change
        Map<String, Optional<Shape>> shapes = new HashMap<>();
        partitions.batch(() -> {
            Map<PartitionKey, PartitionSignals> moved = new LinkedHashMap<>();
            for (StoredChange c : changes) {
                shapes.computeIfAbsent(c.event().table(), this::shape).ifPresent(shape -> {
                    PartitionSignals partition = partitions.get(c.key());
                    if (partition.add(c.offset(), c.event(), c.violated(), shape.kinds(), shape.columns())
                            == PartitionSignals.Added.LATE) {
                        late.merge(c.event().table(), 1L, Long::sum);
                    }
                    moved.put(c.key(), partition);
                });
            }
            advance(caughtUp, shapes, moved);
            store.save(moved.values().stream().filter(PartitionSignals::moved).toList());
        });
    }

    /** Closes the quiet minutes of the partitions held and read to their end, well before their connector's heartbeat. */
    private void advance(CaughtUp caughtUp, Map<String, Optional<Shape>> shapes,
            Map<PartitionKey, PartitionSignals> moved) {
        for (String table : rules.tables().keySet()) {
            if (shapes.computeIfAbsent(table, this::shape).isEmpty()) {
                continue;
            }
            for (TableLeads.Held held : leads.held(table)) {
                heartbeatOf(held.topic()).filter(time -> caughtUp.test(held.topic(), held.partition())).ifPresent(time -> {
                    PartitionKey key = new PartitionKey(held.topic(), held.partition(), table);
                    PartitionSignals partition = partitions.get(key);
                    partition.advance(Math.floorDiv(time.getEpochSecond(), 60) - GRACE_MINUTES);
                    if (partition.moved()) {
                        moved.put(key, partition);
                    }
                });
            }
        }
    }

    private Optional<Instant> heartbeatOf(String topic) {
        return heartbeats.entrySet().stream().filter(h -> topic.startsWith(h.getKey()))
                .max(Comparator.comparingInt(h -> h.getKey().length())).map(Map.Entry::getValue);
    }

    @EventListener
    public void released(PartitionsMoved moved) {
        partitions.release(moved);
    }

    /** Changes of the table whose minute had closed when they arrived, read by this instance since it started. */
    long late(String table) {
        return late.getOrDefault(table, 0L);
    }

    /** What the table's rules learn: which kinds of signal, of which columns; empty when it learns nothing. */
    Optional<Shape> shape(String table) {
        return rules.table(table).filter(r -> r.anomaly().enabled()).map(AnomalyMonitor::shape);
    }

    Optional<Set<String>> kinds(String table) {
        return shape(table).map(Shape::kinds);
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
