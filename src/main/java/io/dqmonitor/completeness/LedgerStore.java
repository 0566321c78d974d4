package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.partitions.MovedOnException;
import io.dqmonitor.partitions.PartitionKey;

/**
 * Where the completeness ledger lives, shared by every instance of one consumer group: the checks under way and each
 * table's baseline, and what each partition's changes add up to ({@link PartitionLedger}).
 */
interface LedgerStore {

    /** A check whose count is taken: settled once every change its snapshot saw has had time to arrive. */
    record CompletedCheck(long id, long rows, SourceSnapshot snapshot) {
    }

    /**
     * A table's baseline: the check every later one is compared with. It stays open, so that changes its snapshot saw
     * that arrive late still count for it; {@code drift} is that of the last check settled against it.
     */
    record Baseline(CompletedCheck check, Long drift) {
    }

    /** The checks under way for the tables, by table and check id, with their snapshots once taken. */
    Map<String, Map<Long, Optional<SourceSnapshot>>> checks(Collection<String> tables);

    Optional<PartitionLedger> load(PartitionKey key);

    /**
     * Stores the ledgers together, each only over the version it was loaded as.
     *
     * @throws MovedOnException when another instance stored one of them since: its batch must be counted again
     */
    void save(Collection<PartitionLedger> ledgers);

    /** Every partition's ledger of the table. */
    List<PartitionLedger> partitions(String table);

    long begin(String table);

    void complete(long check, long rows, SourceSnapshot snapshot);

    void discard(long check);

    /** Drops the table's checks begun longer than {@code age} ago that never got their count: their run failed. */
    void discardUnfinished(String table, Duration age);

    /** The table's checks with their count, but its baseline, begun longer than {@code age} ago, oldest first. */
    List<CompletedCheck> completed(String table, Duration age);

    Optional<Baseline> baseline(String table);

    /** Ends the check, storing its drift on the baseline; false when another instance settled it first. */
    boolean settle(String table, long check, long drift);

    /** Makes the check the table's baseline in place of the one before; false when another instance settled it. */
    boolean rebase(String table, long check, Long drift);
}
