package io.dqmonitor.schema;

import java.util.Optional;

/**
 * Where each table's schema baseline is kept for every instance of the consumer group, so that one column change,
 * seen by every instance that reads one of the table's partitions, is reported once.
 */
public interface SchemaBaselines {

    /** The table's baseline, if any instance has seen the table. */
    Optional<Baseline> load(String table);

    /**
     * Makes {@code next} the table's baseline if the baseline is still {@code expected} (empty: the table has none),
     * or already is {@code next}: a change reported again after a retry or a crash claims it again.
     *
     * @return whether {@code next} is the baseline now; if not, another instance moved it first
     */
    boolean claim(String table, Optional<Baseline> expected, Baseline next);
}
