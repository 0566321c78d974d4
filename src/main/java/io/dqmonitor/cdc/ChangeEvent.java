package io.dqmonitor.cdc;

import java.time.Instant;
import java.util.Map;

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
        boolean partial) {

    /** A change with whole images. */
    public ChangeEvent(String table, Op op, Map<String, Object> key, Map<String, Object> before,
            Map<String, Object> after, Instant sourceTimestamp, Position position, Map<String, String> columnTypes) {
        this(table, op, key, before, after, sourceTimestamp, position, columnTypes, false);
    }

    /** The same change with no commit time: for one whose time cannot be trusted. */
    public ChangeEvent withoutSourceTimestamp() {
        return new ChangeEvent(table, op, key, before, after, null, position, columnTypes, partial);
    }
}
