package io.dqmonitor.schema;

import java.util.List;

/**
 * A change of a table's columns seen in the change stream.
 *
 * @param change  {@code added}, {@code removed} or {@code type_changed}; or, against a data contract,
 *                {@code undeclared}, {@code missing} or {@code type_mismatch}
 * @param oldType the column's previous Connect type, or {@code null} (added, or no schemas)
 * @param newType the column's new Connect type, or {@code null} (removed, or no schemas)
 */
public record SchemaChange(String table, String change, String column, String oldType, String newType) {

    public static final String ADDED = "added";
    public static final String REMOVED = "removed";
    public static final String TYPE_CHANGED = "type_changed";

    /** Every value of {@link #change()} for drift, the label values of {@code dq_schema_changes_total}. */
    public static final List<String> CHANGES = List.of(ADDED, REMOVED, TYPE_CHANGED);

    /** A column the table's data contract does not declare. */
    public static final String UNDECLARED = "undeclared";
    /** A declared column absent from a whole after image. */
    public static final String MISSING = "missing";
    /** A column whose type does not fit its declared logical type ({@code oldType} is the declared one). */
    public static final String TYPE_MISMATCH = "type_mismatch";

    /** The kinds of {@code dq_contract_schema_violations_total}: the schema against its contract. */
    public static final List<String> CONTRACT_KINDS = List.of(UNDECLARED, MISSING, TYPE_MISMATCH);

    public boolean isContractViolation() {
        return CONTRACT_KINDS.contains(change);
    }
}
