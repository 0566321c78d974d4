package io.dqmonitor.completeness;

import io.dqmonitor.cdc.Position;

/** The point of a source's history a {@code count(*)} saw: which changes are already in that count. */
interface SourceSnapshot {

    /** Whether this kind of snapshot can place the change at all (its position has what it needs). */
    boolean orders(Position position);

    /** Whether the change is already in the count; only asked for positions it {@link #orders}. */
    boolean sees(Position position);

    /** The snapshot as text that {@link #parse} reads back: how a check's snapshot is stored for every instance. */
    String text();

    static SourceSnapshot parse(String text) {
        if (text.startsWith(TransactionSnapshot.PREFIX)) {
            return TransactionSnapshot.parse(text.substring(TransactionSnapshot.PREFIX.length()));
        }
        if (text.startsWith(BinlogSnapshot.PREFIX)) {
            return BinlogSnapshot.parse(text.substring(BinlogSnapshot.PREFIX.length()));
        }
        throw new IllegalArgumentException("not a stored snapshot: " + text);
    }
}
