package io.dqmonitor.schema;

import java.util.List;

/**
 * A change of a table's columns seen in the change stream.
 *
 * @param change  {@code added}, {@code removed} or {@code type_changed}
 * @param oldType the column's previous Connect type, or {@code null} (added, or no schemas)
 * @param newType the column's new Connect type, or {@code null} (removed, or no schemas)
 */
public record SchemaChange(String table, String change, String column, String oldType, String newType) {

    public static final String ADDED = "added";
    public static final String REMOVED = "removed";
    public static final String TYPE_CHANGED = "type_changed";

    /** Every value of {@link #change()}, the label values of {@code dq_schema_changes_total}. */
    public static final List<String> CHANGES = List.of(ADDED, REMOVED, TYPE_CHANGED);
}
