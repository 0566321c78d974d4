package io.dqmonitor.partitions;

import org.apache.kafka.common.TopicPartition;

/** One table's changes in one partition of its topic: the unit of state that follows the partition between instances. */
public record PartitionKey(String topic, int partition, String table) {

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String toString() {
        return table + " in " + topic + '-' + partition;
    }
}
