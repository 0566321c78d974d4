package io.dqmonitor.recent;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.quality.Violation;

/**
 * One entry of the recent-changes list, as stored in Redis and served by {@code GET /api/changes}. {@code position}
 * comes first in the JSON: the store finds it there to leave out a change the list already holds.
 */
@JsonPropertyOrder({"position", "table", "op", "key", "before", "after", "sourceTimestamp", "lsn", "txId", "violations"})
public record RecentChange(
        String position,
        String table,
        String op,
        Map<String, Object> key,
        Map<String, Object> before,
        Map<String, Object> after,
        String sourceTimestamp,
        Long lsn,
        Long txId,
        List<Violation> violations) {

    public static RecentChange of(ChangeEvent event, SourcePosition position, List<Violation> violations) {
        return new RecentChange(position.id(), event.table(), event.op().label(), event.key(), event.before(), event.after(),
                event.sourceTimestamp() == null ? null : event.sourceTimestamp().toString(),
                event.lsn(), event.txId(), violations);
    }
}
