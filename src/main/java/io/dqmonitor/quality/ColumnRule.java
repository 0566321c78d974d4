package io.dqmonitor.quality;

/** One check of one column value in a row's after image. */
interface ColumnRule {

    /** The rule's label in {@code dq_violations_total{rule}} and in stored violations. */
    String name();

    /** Whether the value (possibly null) passes. */
    boolean accepts(Object value);
}
