package io.dqmonitor.cdc;

/**
 * Which tables this instance speaks for in its consumer group, as Kafka's group protocol decides: a table's
 * table-wide work (its completeness check and gauge) is done by the one instance that holds partition 0 of its topic.
 */
@FunctionalInterface
public interface TableLeads {

    boolean leads(String table);
}
