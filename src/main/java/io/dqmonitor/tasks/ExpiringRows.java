package io.dqmonitor.tasks;

import java.time.Instant;

/**
 * One of dq-monitor's own tables whose rows accumulate with the data (violations, schema changes, anomalies): its
 * owner deletes the rows older than the history's retention when {@link HistoryRetention} asks.
 */
public interface ExpiringRows {

    /** The table, as the {@code table} label of {@code dq_history_rows_deleted_total}: {@code violations}, ... */
    String table();

    /** Deletes at most {@code limit} of the rows recorded before {@code cutoff}; returns how many it deleted. */
    int deleteBefore(Instant cutoff, int limit);
}
