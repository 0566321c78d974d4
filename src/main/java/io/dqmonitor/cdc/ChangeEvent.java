package io.dqmonitor.cdc;

import java.time.Instant;
import java.util.Map;

/**
 * One committed row change, decoded from a Debezium envelope.
 *
 * @param table           {@code schema.table} (or {@code db.table} / {@code db.collection}) from the source block
 * @param key             the decoded record key (primary key columns), or {@code null} for a key-less table
 * @param before          the row before the change, or {@code null} (create, read, truncate, or no replica identity)
 * @param after           the row after the change, or {@code null} (delete, truncate)
 * @param sourceTimestamp source commit time ({@code source.ts_ms}), or {@code null} if the connector gave none
 * @param lsn             PostgreSQL log sequence number, or {@code null} for other connectors
 * @param txId            source transaction id, or {@code null}
 * @param columnTypes     column name to its Connect type (logical name where there is one); empty without schemas
 */
public record ChangeEvent(
        String table,
        Op op,
        Map<String, Object> key,
        Map<String, Object> before,
        Map<String, Object> after,
        Instant sourceTimestamp,
        Long lsn,
        Long txId,
        Map<String, String> columnTypes) {
}
