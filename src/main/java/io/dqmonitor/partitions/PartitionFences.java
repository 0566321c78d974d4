package io.dqmonitor.partitions;

import java.util.List;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Makes the {@link OffsetFence} of a partition-state table, keyed by this instance's consumer group: two deployments
 * reading the same topics keep states of their own.
 */
@Component
public class PartitionFences {

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final String group;

    public PartitionFences(JdbcTemplate jdbc, TransactionOperations transactions, KafkaProperties kafka) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.group = kafka.getConsumer().getGroupId();
    }

    /** The consumer group the states belong to. */
    public String group() {
        return group;
    }

    /** See {@link OffsetFence#OffsetFence}. */
    public OffsetFence fence(String what, String table, List<String> columns) {
        return new OffsetFence(jdbc, transactions, what, group, table, columns);
    }
}
