package io.dqmonitor.anomaly;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The minute store in memory: stored versions are copies, saves compare offsets as the real one does. */
class InMemoryMinuteStore implements MinuteStore {

    private record Minute(String table, long minute, String topic, int partition) {
    }

    private final Map<PartitionSignals.Key, PartitionSignals> partitions = new LinkedHashMap<>();
    private final Map<Minute, MinuteCounts> minutes = new HashMap<>();
    private final Map<String, TableWindows.State> states = new HashMap<>();

    @Override
    public synchronized Optional<PartitionSignals> load(PartitionSignals.Key key) {
        return Optional.ofNullable(partitions.get(key)).map(InMemoryMinuteStore::copy);
    }

    @Override
    public synchronized void save(Collection<PartitionSignals> moved) {
        for (PartitionSignals partition : moved) {
            PartitionSignals stored = partitions.get(partition.key());
            // as the real one: a first save inserts, a later one updates over the offset it was read at
            if (partition.storedOffset() < 0 ? stored != null : stored == null
                    || stored.nextOffset() != partition.storedOffset()) {
                throw new MovedOnException(partition.key());
            }
        }
        for (PartitionSignals partition : moved) {
            PartitionSignals.Key key = partition.key();
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
