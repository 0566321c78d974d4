package io.dqmonitor.partitions;

import io.dqmonitor.cdc.ChangeEvent;

/**
 * A change whose batch is being stored, whether it broke a rule, and the record it came from: what the
 * partition-fenced features count.
 */
public record StoredChange(ChangeEvent event, boolean violated, String topic, int partition, long offset) {

    public PartitionKey key() {
        return new PartitionKey(topic, partition, event.table());
    }
}
