package io.dqmonitor.integrity;

import java.util.HashMap;
import java.util.Map;

import io.dqmonitor.cdc.Capture;
import io.dqmonitor.cdc.ChangeEvent;

/**
 * Tells a connector's snapshots apart by their position: every read of one blocking snapshot carries the same source
 * position (PostgreSQL: the snapshot's LSN and transaction; binlog sources: the binlog position it started at). A new
 * snapshot is a re-snapshot when the connector is known to have sent anything before it here, or when its first read
 * is not at the start of its topic. A restart of dq-monitor in the middle of a re-snapshot counts it again.
 */
final class SnapshotWatch {

    private final IntegrityMetrics metrics;
    /** The latest snapshot's position, by connector. */
    private final Map<String, String> latest = new HashMap<>();
    /** Whether the connector has been seen streaming, by connector. */
    private final Map<String, Boolean> streamed = new HashMap<>();
    /** The rows of each table read by its latest snapshot, and which snapshot that is. */
    private final Map<String, TableProgress> tables = new HashMap<>();

    private record TableProgress(String snapshot, long rows) {
    }

    SnapshotWatch(IntegrityMetrics metrics) {
        this.metrics = metrics;
    }

    void observe(String connector, long offset, ChangeEvent event) {
        if (!event.capture().snapshot().blocking()) {
            if (event.capture().snapshot() == Capture.Snapshot.NONE) {
                streamed.put(connector, true);
            }
            return;
        }
        String snapshot = event.position().identity();
        String previous = latest.put(connector, snapshot);
        if (!snapshot.equals(previous) && (previous != null || streamed.getOrDefault(connector, false) || offset > 0)) {
            metrics.snapshotRerun(connector);
        }
        TableProgress progress = tables.get(event.table());
        long rows = progress != null && progress.snapshot().equals(snapshot) ? progress.rows() + 1 : 1;
        tables.put(event.table(), new TableProgress(snapshot, rows));
        metrics.snapshotRows(event.table(), rows);
    }
}
