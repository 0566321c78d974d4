package io.dqmonitor.partitions;

import java.util.List;

/**
 * Which tables this instance speaks for in its consumer group, as Kafka's group protocol decides: a table's
 * table-wide work (its completeness check, its anomaly windows, their gauges) is done by the one instance that holds
 * partition 0 of its topic.
 */
@FunctionalInterface
public interface TableLeads {

    /** A partition of a table's topic. */
    record Held(String topic, int partition) {
    }

    boolean leads(String table);

    /** The partitions of the table's topic this instance holds. */
    default List<Held> held(String table) {
        return List.of();
    }

    /** How many partitions the table's topic has, 0 while its topic is unknown. */
    default int partitions(String table) {
        return 0;
    }
}
