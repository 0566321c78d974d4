package io.dqmonitor.partitions;

import java.util.Collection;

import org.apache.kafka.common.TopicPartition;

/**
 * Partitions given to this instance or taken from it by the consumer group, published on the consumer thread between
 * batches: what an instance cached of them may have moved on elsewhere. Also published when a batch's effects could
 * not be stored: what was counted of them in memory may be ahead of what is stored.
 */
public record PartitionsMoved(Collection<TopicPartition> partitions) {
}
