package io.dqmonitor.pipeline;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.dqmonitor.cdc.TableLeads;
import io.dqmonitor.completeness.RowCountLedger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Which partitions the consumer group gave this instance, told by Kafka's own group protocol (Spring Boot hands this
 * listener to the container). When the last partition of a table's topic, or of a connector's heartbeat topic, goes to
 * another instance, this one's gauges of that table or connector are removed: the instance that reads the partitions
 * now reports them, and {@code max} or {@code sum} across instances sees no stale series of the one before. The
 * partitions held also say which tables this instance leads ({@link TableLeads}), and a partition given up or taken
 * over has its cached completeness ledger dropped, to be read again from where its last holder stored it.
 * The callbacks run on the consumer thread, between batches.
 */
@Component
class PartitionOwnership implements ConsumerAwareRebalanceListener, TableLeads {

    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final PipelineMetrics metrics;
    private final RowCountLedger ledger;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private volatile SortedSet<String> subscribed = new TreeSet<>();
    private final Map<String, String> tableOfTopic = new ConcurrentHashMap<>();
    private final Map<String, String> connectorOfTopic = new ConcurrentHashMap<>();

    PartitionOwnership(PipelineMetrics metrics, RowCountLedger ledger) {
        this.metrics = metrics;
        this.ledger = ledger;
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
        SortedSet<String> topics = subscribed;
        String topic = topics.stream().filter(t -> table.equals(tableOfTopic.get(t))).findFirst()
                .or(() -> topics.stream().filter(t -> t.endsWith('.' + table)).findFirst())
                .orElseGet(() -> topics.isEmpty() ? null : topics.first());
        return topic != null && owned.contains(new TopicPartition(topic, 0));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // with a pattern, the topics it matches now: the same on every instance of the group after a rebalance
        subscribed = new TreeSet<>(consumer.subscription());
        // a partition back from another instance: its ledger moved on there
        ledger.released(partitions);
        owned.addAll(partitions);
        log.info("Partitions assigned: {}; reading {} in all", partitions, owned.size());
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        released(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        released(partitions);
    }

    private void released(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        owned.removeAll(partitions);
        ledger.released(partitions);
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
