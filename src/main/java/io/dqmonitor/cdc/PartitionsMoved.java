package io.dqmonitor.cdc;

import java.util.Collection;

import org.apache.kafka.common.TopicPartition;

/**
 * Partitions given to this instance or taken from it by the consumer group, published on the consumer thread between
 * batches: what an instance cached of them may have moved on elsewhere.
 */
public record PartitionsMoved(Collection<TopicPartition> partitions) {
}
