package io.dqmonitor.anomaly;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.dqmonitor.partitions.InMemoryFence;
import io.dqmonitor.partitions.PartitionKey;

/** The minute store in memory: stored versions are copies, saves compare offsets as the real one does. */
class InMemoryMinuteStore implements MinuteStore {

    private record Minute(String table, long minute, String topic, int partition) {
    }

    private final Map<PartitionKey, PartitionSignals> partitions = new LinkedHashMap<>();
    private final Map<Minute, MinuteCounts> minutes = new HashMap<>();
    private final Map<String, TableWindows.State> states = new HashMap<>();

    @Override
    public synchronized Optional<PartitionSignals> load(PartitionKey key) {
        return Optional.ofNullable(partitions.get(key)).map(InMemoryMinuteStore::copy);
    }

    @Override
    public synchronized void save(Collection<PartitionSignals> moved) {
        InMemoryFence.check("the anomaly signals", partitions, moved);
        for (PartitionSignals partition : moved) {
            PartitionKey key = partition.key();
            partition.closed().forEach(closed -> minutes.put(
                    new Minute(key.table(), closed.minute(), key.topic(), key.partition()), copy(closed.counts())));
            partitions.put(key, copy(partition));
            partition.stored();
        }
    }

    @Override
    public synchronized List<PartitionSignals> partitions(String table) {
        return partitions.values().stream().filter(p -> p.key().table().equals(table))
                .map(InMemoryMinuteStore::copy).toList();
    }

    @Override
    public synchronized Map<Long, MinuteCounts> minutes(String table, long from, long to) {
        Map<Long, MinuteCounts> summed = new TreeMap<>();
        minutes.forEach((minute, counts) -> {
            if (minute.table().equals(table) && minute.minute() >= from && minute.minute() < to) {
                summed.computeIfAbsent(minute.minute(), m -> MinuteCounts.empty()).merge(counts);
            }
        });
        return summed;
    }

    @Override
    public synchronized TableWindows.State state(String table) {
        return states.getOrDefault(table, TableWindows.State.fresh());
    }

    @Override
    public synchronized void judged(String table, TableWindows.State state) {
        states.put(table, state);
        minutes.keySet().removeIf(m -> m.table().equals(table) && m.minute() < state.nextMinute());
    }

    private static PartitionSignals copy(PartitionSignals partition) {
        return new PartitionSignals(partition.key(), partition.nextOffset(), partition.openMinute(),
                copy(partition.open()));
    }

    private static MinuteCounts copy(MinuteCounts counts) {
        MinuteCounts copy = MinuteCounts.empty();
        copy.merge(counts);
        return copy;
    }
}
