package io.dqmonitor.recent;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Excerpt;
import io.dqmonitor.cdc.ValueText;
import io.dqmonitor.cdc.JsonText;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.rules.Violation;

/**
 * One entry of the recent-changes list, as stored in Redis and served by {@code GET /api/changes}. {@code position}
 * comes first in the JSON: the store finds it there to leave out a change the list already holds.
 */
@JsonPropertyOrder({"position", "table", "op", "key", "before", "after", "partial", "sourceTimestamp", "source",
        "sourcePosition", "lsn", "txId", "unavailable", "violations"})
public record RecentChange(
        String position,
        String table,
        String op,
        Map<String, Object> key,
        Map<String, Object> before,
        Map<String, Object> after,
        boolean partial,
        String sourceTimestamp,
        String source,
        String sourcePosition,
        Long lsn,
        Long txId,
        List<String> unavailable,
        List<Violation> violations) {

    /** The same change with every text value longer than {@code max} characters cut to an excerpt. */
    RecentChange withValuesCutTo(int max) {
        return new RecentChange(position, table, op, cut(key, max), cut(before, max), cut(after, max), partial,
                sourceTimestamp, source, sourcePosition, lsn, txId, unavailable, violations);
    }

    private static Map<String, Object> cut(Map<String, Object> row, int max) {
        if (row == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((column, value) -> out.put(column, cut(value, max)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object cut(Object value, int max) {
        if (value instanceof String text) {
            return Excerpt.of(text, max);
        }
        if (value instanceof JsonText json && json.json().length() > max) {
            // cut JSON is no longer JSON: it is shown as text instead
            return Excerpt.of(json.json(), max);
        }
        if (value instanceof Map<?, ?> map) {
            return cut((Map<String, Object>) map, max);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> cut(item, max)).toList();
        }
        if (value instanceof BigDecimal number) {
            // a number too long to write plainly (1E+2000000000) is shown as the text the violations quote
            String text = ValueText.of(number);
            return text.length() > max || text.contains("E") ? Excerpt.of(text, max) : number;
        }
        return value;
    }

    public static RecentChange of(ChangeEvent event, SourcePosition position, List<Violation> violations) {
        Position.Postgres postgres = event.position() instanceof Position.Postgres p ? p : null;
        // a value the connector could not read is not shown as if it were one: its column is listed instead
        List<String> unavailable = event.unavailable().stream().sorted().toList();
        return new RecentChange(position.id(), event.table(), event.op().label(), event.key(),
                without(event.before(), unavailable), without(event.after(), unavailable), event.partial(),
                event.sourceTimestamp() == null ? null : event.sourceTimestamp().toString(),
                event.position().source(), event.position().text(),
                postgres == null ? null : postgres.lsn(), postgres == null ? null : postgres.txId(),
                unavailable.isEmpty() ? null : unavailable, violations);
    }

    private static Map<String, Object> without(Map<String, Object> row, List<String> columns) {
        if (row == null || columns.isEmpty()) {
            return row;
        }
        Map<String, Object> kept = new LinkedHashMap<>(row);
        columns.forEach(kept::remove);
        return kept;
    }
}
