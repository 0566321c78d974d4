package io.dqmonitor.completeness;

/** Counts a table's rows in one snapshot and says which changes that snapshot already holds. */
interface RowCounter {

    /** The count and the snapshot it was taken in. */
    record Counted(long rows, SourceSnapshot snapshot) {
    }

    Counted count(String table);
}
