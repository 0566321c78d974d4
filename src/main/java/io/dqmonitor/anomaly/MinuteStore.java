package io.dqmonitor.anomaly;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.partitions.MovedOnException;
import io.dqmonitor.partitions.PartitionKey;

/**
 * Where the anomaly signals' minutes live, shared by every instance of one consumer group: each partition's place and
 * closed minutes ({@link PartitionSignals}), and each table lead's place ({@link TableWindows.State}).
 */
interface MinuteStore {

    Optional<PartitionSignals> load(PartitionKey key);

    /**
     * Stores the partitions and the minutes they closed, together, each only over the version it was loaded as.
     *
     * @throws MovedOnException when another instance stored one of them since: its batch must be counted again
     */
    void save(Collection<PartitionSignals> partitions);

    /** Every partition's place in the table. */
    List<PartitionSignals> partitions(String table);

    /** The table's closed minutes from {@code from} (inclusive) to {@code to}, summed over the partitions. */
    Map<Long, MinuteCounts> minutes(String table, long from, long to);

    TableWindows.State state(String table);

    /** Stores the lead's new place and drops the minutes before it: call within the judgement's transaction. */
    void judged(String table, TableWindows.State state);
}
