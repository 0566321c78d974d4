package io.dqmonitor.recent;

import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.quality.Violation;

/** One entry of the recent-changes list, as stored in Redis and served by {@code GET /api/changes}. */
public record RecentChange(
        String table,
        String op,
        Map<String, Object> key,
        Map<String, Object> before,
        Map<String, Object> after,
        String sourceTimestamp,
        Long lsn,
        Long txId,
        List<Violation> violations) {

    public static RecentChange of(ChangeEvent event, List<Violation> violations) {
        return new RecentChange(event.table(), event.op().label(), event.key(), event.before(), event.after(),
                event.sourceTimestamp() == null ? null : event.sourceTimestamp().toString(),
                event.lsn(), event.txId(), violations);
    }
}
