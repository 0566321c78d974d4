package io.dqmonitor.quality;

/**
 * A change of a table's columns seen in the change stream.
 *
 * @param change  {@code added}, {@code removed} or {@code type_changed}
 * @param oldType the column's previous Connect type, or {@code null} (added, or no schemas)
 * @param newType the column's new Connect type, or {@code null} (removed, or no schemas)
 */
public record SchemaChange(String table, String change, String column, String oldType, String newType) {
}
