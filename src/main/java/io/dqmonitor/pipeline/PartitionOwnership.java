package io.dqmonitor.pipeline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.dqmonitor.partitions.PartitionsMoved;
import io.dqmonitor.partitions.TableLeads;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Which partitions the consumer group gave this instance, told by Kafka's own group protocol (Spring Boot hands this
 * listener to the container). When the last partition of a table's topic, or of a connector's heartbeat topic, goes to
 * another instance, this one's gauges of that table or connector are removed: the instance that reads the partitions
 * now reports them, and {@code max} or {@code sum} across instances sees no stale series of the one before. The
 * partitions held also say which tables this instance leads ({@link TableLeads}), and a partition given up or taken
 * over is published ({@link PartitionsMoved}): what the completeness ledger and the anomaly signals cached of it is read
 * again from where its last holder stored it.
 * The callbacks run on the consumer thread, between batches.
 */
@Component
class PartitionOwnership implements ConsumerAwareRebalanceListener, TableLeads {

    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final PipelineMetrics metrics;
    private final ApplicationEventPublisher events;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private volatile SortedSet<String> subscribed = new TreeSet<>();
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final Map<String, String> tableOfTopic = new ConcurrentHashMap<>();
    private final Map<String, String> connectorOfTopic = new ConcurrentHashMap<>();

    PartitionOwnership(PipelineMetrics metrics, ApplicationEventPublisher events) {
        this.metrics = metrics;
        this.events = events;
    }

    /** A change event of {@code table} read from {@code topic}: the topic's gauges are the table's. */
    void tableRead(String topic, String table) {
        tableOfTopic.putIfAbsent(topic, table);
    }

    /** A heartbeat of {@code connector} read from {@code topic}. */
    void heartbeatRead(String topic, String connector) {
        connectorOfTopic.putIfAbsent(topic, connector);
    }

    Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    /**
     * Whether this instance holds partition 0 of the table's topic. A table whose topic is not among the topics the
     * group reads (no change of it was ever written) is led by the holder of partition 0 of the first of those topics:
     * every instance sees the same topics, so exactly one leads it.
     */
    @Override
    public boolean leads(String table) {
        return topicOf(table).map(topic -> owned.contains(new TopicPartition(topic, 0)))
                .orElseGet(() -> !subscribed.isEmpty() && owned.contains(new TopicPartition(subscribed.first(), 0)));
    }

    @Override
    public List<Held> held(String table) {
        return topicOf(table).map(topic -> owned.stream().filter(p -> p.topic().equals(topic))
                .map(p -> new Held(topic, p.partition())).toList()).orElse(List.of());
    }

    @Override
    public int partitions(String table) {
        return topicOf(table).map(topic -> partitionCounts.getOrDefault(topic, 0)).orElse(0);
    }

    private Optional<String> topicOf(String table) {
        SortedSet<String> topics = subscribed;
        return topics.stream().filter(t -> table.equals(tableOfTopic.get(t))).findFirst()
                .or(() -> topics.stream().filter(t -> t.endsWith('.' + table)).findFirst());
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // with a pattern, the topics it matches now: the same on every instance of the group after a rebalance
        subscribed = new TreeSet<>(consumer.subscription());
        // from the metadata the pattern subscription already holds
        subscribed.forEach(topic -> Optional.ofNullable(consumer.partitionsFor(topic))
                .ifPresent(infos -> partitionCounts.put(topic, infos.size())));
        // a partition back from another instance: its ledger and signals moved on there
        events.publishEvent(new PartitionsMoved(partitions));
        owned.addAll(partitions);
        log.info("Partitions assigned: {}; reading {} in all", partitions, owned.size());
    }

    /** Partitions about to leave this consumer, published on the consumer thread before the container commits. */
    record Leaving(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean lost) {
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        events.publishEvent(new Leaving(consumer, partitions, false));
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        released(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        events.publishEvent(new Leaving(consumer, partitions, true));
        released(partitions);
    }

    private void released(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        owned.removeAll(partitions);
        events.publishEvent(new PartitionsMoved(partitions));
        Set<String> topicsLeft = owned.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Set<String> topicsGone = partitions.stream().map(TopicPartition::topic)
                .filter(topic -> !topicsLeft.contains(topic)).collect(Collectors.toSet());
        for (String topic : topicsGone) {
            forget(topic, tableOfTopic, topicsLeft, metrics::forgetTable);
            forget(topic, connectorOfTopic, topicsLeft, metrics::forgetConnector);
        }
        log.info("Partitions revoked: {}; reading {} in all", partitions, owned.size());
    }

    /** Forgets the topic's label value unless another topic this instance still reads has the same one. */
    private static void forget(String topic, Map<String, String> labelOfTopic, Set<String> topicsLeft,
            java.util.function.Consumer<String> removeGauges) {
        String label = labelOfTopic.remove(topic);
        if (label != null && topicsLeft.stream().noneMatch(t -> label.equals(labelOfTopic.get(t)))) {
            removeGauges.accept(label);
        }
    }
}
