package io.dqmonitor.partitions;

/**
 * Whether the consumer has read everything a partition holds, as far as it last knew. A heartbeat is read from its
 * own small topic and may run hours ahead of a table's backlog: a table's minutes close on it only once the table's
 * partitions are caught up.
 */
@FunctionalInterface
public interface CaughtUp {

    /** Used when the read positions are not known (a record handled on its own): no heartbeat closes anything. */
    CaughtUp UNKNOWN = (topic, partition) -> false;

    boolean test(String topic, int partition);
}
