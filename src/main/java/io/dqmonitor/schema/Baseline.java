package io.dqmonitor.schema;

import java.time.Instant;
import java.util.Map;

/**
 * A table's columns as a change event showed them, and the change that made them the baseline.
 *
 * @param columns         column to type ({@code ""} when events carry no schemas)
 * @param previousColumns the columns before, or {@code null} for the table's first baseline
 * @param sourceTimestamp commit time of the event that set it, or {@code null}
 * @param eventId         the identity of that event: every baseline a table has had is set by a different event
 */
public record Baseline(Map<String, String> columns, Map<String, String> previousColumns, Instant sourceTimestamp,
        String eventId) {
}
