package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.dqmonitor.cdc.Op;
import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;

class PartitionOwnershipTest {

    private static final String TOPIC = "monitoring_server.public.t";
    private static final String OTHER = "monitoring_server.public.other";
    private static final String HEARTBEATS = "__debezium-heartbeat.monitoring_server";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMetrics metrics = new PipelineMetrics(registry,
            TableLabelsFixture.of(new MetricsProperties(100)));
    private final PartitionOwnership ownership = new PartitionOwnership(metrics, event -> { });
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    @BeforeEach
    void readSomething() {
        consumer.subscribe(List.of(OTHER, TOPIC, HEARTBEATS));
        ownership.onPartitionsAssigned(consumer, List.of(p(TOPIC, 0), p(TOPIC, 1), p(HEARTBEATS, 0)));
        ownership.tableRead(TOPIC, "public.t");
        metrics.eventProcessed("public.t", Op.CREATE, NOW, null, NOW);
        ownership.heartbeatRead(HEARTBEATS, "monitoring_server");
        metrics.heartbeat("monitoring_server", NOW);
    }

    @Test
    void aTableKeepsItsGaugeWhileOneOfItsPartitionsIsStillRead() {
        ownership.onPartitionsRevokedAfterCommit(consumer, List.of(p(TOPIC, 0)));
        assertThat(registry.scrape()).contains("cdc_last_event_timestamp_seconds{table=\"public.t\"}");
    }

    @Test
    void aTableWhoseLastPartitionWentElsewhereLosesItsGaugeButNotItsCounters() {
        ownership.onPartitionsRevokedAfterCommit(consumer, List.of(p(TOPIC, 0), p(TOPIC, 1)));
        assertThat(registry.scrape()).doesNotContain("cdc_last_event_timestamp_seconds{table=\"public.t\"}")
                .contains("cdc_events_total{op=\"create\",table=\"public.t\"} 1.0");
        assertThat(ownership.owned()).containsExactly(p(HEARTBEATS, 0));
    }

    @Test
    void lostPartitionsAreReleasedToo() {
        ownership.onPartitionsLost(consumer, List.of(p(HEARTBEATS, 0)));
        assertThat(registry.scrape()).doesNotContain("cdc_heartbeat_timestamp_seconds{connector=\"monitoring_server\"}")
                .contains("cdc_last_event_timestamp_seconds{table=\"public.t\"}");
    }

    @Test
    void aTableReadAgainAfterAReassignmentHasItsGaugeBack() {
        ownership.onPartitionsRevokedAfterCommit(consumer, List.of(p(TOPIC, 0), p(TOPIC, 1)));
        ownership.onPartitionsAssigned(consumer, List.of(p(TOPIC, 1)));
        ownership.tableRead(TOPIC, "public.t");
        metrics.eventProcessed("public.t", Op.UPDATE, NOW.plusSeconds(5), null, NOW.plusSeconds(5));
        assertThat(registry.scrape()).contains("cdc_last_event_timestamp_seconds{table=\"public.t\"} 1.795600805E9");
    }

    @Test
    void theHolderOfPartitionZeroOfATablesTopicLeadsTheTable() {
        assertThat(ownership.leads("public.t")).isTrue();
        ownership.onPartitionsRevokedAfterCommit(consumer, List.of(p(TOPIC, 0)));
        assertThat(ownership.leads("public.t")).isFalse();
    }

    @Test
    void aTableFoundByItsTopicsNameIsLedBeforeAnyOfItsChangesIsRead() {
        assertThat(ownership.leads("public.other")).isFalse();
        ownership.onPartitionsAssigned(consumer, List.of(p(OTHER, 0)));
        assertThat(ownership.leads("public.other")).isTrue();
    }

    @Test
    void aTableWithoutATopicIsLedByTheHolderOfTheFirstTopicsPartitionZero() {
        // __debezium-heartbeat.monitoring_server sorts first
        assertThat(ownership.leads("public.no_topic_yet")).isTrue();
        ownership.onPartitionsRevokedAfterCommit(consumer, List.of(p(HEARTBEATS, 0)));
        assertThat(ownership.leads("public.no_topic_yet")).isFalse();
    }

    private static TopicPartition p(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
