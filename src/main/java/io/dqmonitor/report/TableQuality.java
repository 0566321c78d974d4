package io.dqmonitor.report;

import java.util.Map;

/**
 * One table in {@code GET /api/quality}.
 *
 * @param table            {@code schema.table}
 * @param events           events seen since this instance started, by op
 * @param violations       violations found since this instance started, by rule
 * @param lastSchemaChange the newest column added, removed or retyped, or null
 * @param lastEventTime    source commit time of the newest event, or null before any
 * @param freshness        that time against the table's freshness bound
 */
record TableQuality(String table, Map<String, Long> events, Map<String, Long> violations,
        LastSchemaChange lastSchemaChange, String lastEventTime, Freshness freshness) {

    /** A column added, removed or retyped, and the commit time of the event that showed it. */
    record LastSchemaChange(String change, String column, String at) {
    }

    /**
     * @param threshold  the bound as an ISO-8601 duration, or null without one
     * @param ageSeconds seconds since the newest event, or null before any
     * @param state      {@code fresh}, {@code stale}, {@code unknown} (no event yet) or {@code unbounded} (no bound)
     */
    record Freshness(String threshold, Long ageSeconds, String state) {
    }
}
