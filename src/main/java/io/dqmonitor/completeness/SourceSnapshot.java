package io.dqmonitor.completeness;

import io.dqmonitor.cdc.Position;

/** The point of a source's history a {@code count(*)} saw: which changes are already in that count. */
interface SourceSnapshot {

    /** Whether this kind of snapshot can place the change at all (its position has what it needs). */
    boolean orders(Position position);

    /** Whether the change is already in the count; only asked for positions it {@link #orders}. */
    boolean sees(Position position);

    /** A snapshot of the same kind that sees no change at all: the baseline after a truncate. */
    SourceSnapshot nothing();
}
