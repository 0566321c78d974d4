package io.dqmonitor.cdc;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * One committed row (or document) change, decoded from a Debezium envelope.
 *
 * @param table           {@code schema.table} (PostgreSQL), {@code db.table} (MySQL, MariaDB) or {@code db.collection}
 *                        (MongoDB), from the source block
 * @param key             the decoded record key (primary key columns), or {@code null} for a key-less table
 * @param before          the row before the change, or {@code null} (create, read, truncate, or no before image)
 * @param after           the row after the change, or {@code null} (delete, truncate, or an update whose connector
 *                        sent no after image)
 * @param sourceTimestamp source commit time ({@code source.ts_ms}), or {@code null} if the connector gave none
 * @param position        where the change is in the source's log
 * @param columnTypes     column name to its Connect type (logical name where there is one), or for documents field
 *                        path to its BSON type; empty without schemas
 * @param partial         whether {@code after} holds only the fields an update set or removed (a MongoDB update
 *                        without the full document): a field missing from it is unknown, not gone
 * @param capture         how the connector captured it: snapshot or stream, and its place in the stream
 * @param unavailable     the columns whose value the connector could not read and sent its placeholder for instead
 *                        (an unchanged TOASTed value): unknown, not a value ({@link UnavailableValues})
 */
public record ChangeEvent(
        String table,
        Op op,
        Map<String, Object> key,
        Map<String, Object> before,
        Map<String, Object> after,
        Instant sourceTimestamp,
        Position position,
        Map<String, String> columnTypes,
        boolean partial,
        Capture capture,
        Set<String> unavailable) {

    public ChangeEvent {
        capture = capture == null ? Capture.NONE : capture;
        unavailable = unavailable == null ? Set.of() : unavailable;
    }

    /** A change with no capture details, as hand-made events have. */
    public ChangeEvent(String table, Op op, Map<String, Object> key, Map<String, Object> before,
            Map<String, Object> after, Instant sourceTimestamp, Position position, Map<String, String> columnTypes,
            boolean partial) {
        this(table, op, key, before, after, sourceTimestamp, position, columnTypes, partial, Capture.NONE, Set.of());
    }

    /** A change with whole images. */
    public ChangeEvent(String table, Op op, Map<String, Object> key, Map<String, Object> before,
            Map<String, Object> after, Instant sourceTimestamp, Position position, Map<String, String> columnTypes) {
        this(table, op, key, before, after, sourceTimestamp, position, columnTypes, false);
    }

    /** A change with the commit time, position and capture its Debezium {@code source} block gives it. */
    static ChangeEvent fromSource(String table, Op op, Map<String, Object> key, Map<String, Object> before,
            Map<String, Object> after, JsonNode source, Map<String, String> columnTypes, boolean partial) {
        JsonNode committed = source.get("ts_ms");
        Position position = Position.of(source);
        return new ChangeEvent(table, op, key, before, after,
                committed != null && committed.isNumber() ? Instant.ofEpochMilli(committed.longValue()) : null,
                position, columnTypes, partial, Capture.of(source, position), null);
    }

    /** The same change with no commit time: for one whose time cannot be trusted. */
    public ChangeEvent withoutSourceTimestamp() {
        return new ChangeEvent(table, op, key, before, after, null, position, columnTypes, partial, capture,
                unavailable);
    }

    /** The same change with {@code columns} marked as unavailable. */
    public ChangeEvent withUnavailable(Set<String> columns) {
        return columns.equals(unavailable) ? this : new ChangeEvent(table, op, key, before, after, sourceTimestamp,
                position, columnTypes, partial, capture, columns);
    }
}
