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

class PartitionOwnershipTest {

    private static final String TOPIC = "monitoring_server.public.t";
    private static final String HEARTBEATS = "__debezium-heartbeat.monitoring_server";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMetrics metrics = new PipelineMetrics(registry,
            TableLabelsFixture.of(new MetricsProperties(100)));
    private final PartitionOwnership ownership = new PartitionOwnership(metrics);

    @BeforeEach
    void readSomething() {
        ownership.onPartitionsAssigned(null, List.of(p(TOPIC, 0), p(TOPIC, 1), p(HEARTBEATS, 0)));
        ownership.tableRead(TOPIC, "public.t");
        metrics.eventProcessed("public.t", Op.CREATE, NOW, NOW);
        ownership.heartbeatRead(HEARTBEATS, "monitoring_server");
        metrics.heartbeat("monitoring_server", NOW);
    }

    @Test
    void aTableKeepsItsGaugeWhileOneOfItsPartitionsIsStillRead() {
        ownership.onPartitionsRevokedAfterCommit(null, List.of(p(TOPIC, 0)));
        assertThat(registry.scrape()).contains("cdc_last_event_timestamp_seconds{table=\"public.t\"}");
    }

    @Test
    void aTableWhoseLastPartitionWentElsewhereLosesItsGaugeButNotItsCounters() {
        ownership.onPartitionsRevokedAfterCommit(null, List.of(p(TOPIC, 0), p(TOPIC, 1)));
        assertThat(registry.scrape()).doesNotContain("cdc_last_event_timestamp_seconds{table=\"public.t\"}")
                .contains("cdc_events_total{op=\"create\",table=\"public.t\"} 1.0");
        assertThat(ownership.owned()).containsExactly(p(HEARTBEATS, 0));
    }

    @Test
    void lostPartitionsAreReleasedToo() {
        ownership.onPartitionsLost(null, List.of(p(HEARTBEATS, 0)));
        assertThat(registry.scrape()).doesNotContain("cdc_heartbeat_timestamp_seconds{connector=\"monitoring_server\"}")
                .contains("cdc_last_event_timestamp_seconds{table=\"public.t\"}");
    }

    @Test
    void aTableReadAgainAfterAReassignmentHasItsGaugeBack() {
        ownership.onPartitionsRevokedAfterCommit(null, List.of(p(TOPIC, 0), p(TOPIC, 1)));
        ownership.onPartitionsAssigned(null, List.of(p(TOPIC, 1)));
        ownership.tableRead(TOPIC, "public.t");
        metrics.eventProcessed("public.t", Op.UPDATE, NOW.plusSeconds(5), NOW.plusSeconds(5));
        assertThat(registry.scrape()).contains("cdc_last_event_timestamp_seconds{table=\"public.t\"} 1.795600805E9");
    }

    private static TopicPartition p(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
