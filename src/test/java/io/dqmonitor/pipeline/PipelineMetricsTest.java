package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord.SkipReason;
import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The Prometheus names of the meters are a contract shared with the dashboards and alerts. */
class PipelineMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMetrics metrics = new PipelineMetrics(registry,
            TableLabelsFixture.of(new MetricsProperties(1)));

    @Test
    void eventsAreCountedByTableAndOp() {
        metrics.eventProcessed("public.t", Op.CREATE, null, null, Instant.now());
        assertThat(registry.scrape()).contains("cdc_events_total{op=\"create\",table=\"public.t\"} 1.0");
    }

    @Test
    void aTableSeenHasEveryOpAtZero() {
        metrics.tableSeen("public.t");
        assertThat(registry.scrape()).contains("cdc_events_total{op=\"truncate\",table=\"public.t\"} 0.0");
    }

    @Test
    void lagIsAHistogramInSeconds() {
        Instant now = Instant.parse("2026-01-01T00:00:01Z");
        metrics.eventProcessed("public.t", Op.CREATE, now.minusMillis(300), null, now);
        assertThat(registry.scrape())
                .contains("cdc_event_lag_seconds_bucket{table=\"public.t\",le=\"0.25\"} 0")
                .contains("cdc_event_lag_seconds_bucket{table=\"public.t\",le=\"0.5\"} 1")
                .contains("cdc_event_lag_seconds_sum{table=\"public.t\"} 0.3");
    }

    @Test
    void lagIsSplitIntoTheConnectorsPartAndThisServicesPart() {
        Instant now = Instant.parse("2026-01-01T00:00:01Z");
        metrics.eventProcessed("public.t", Op.CREATE, now.minusMillis(2000), now.minusMillis(70), now);
        assertThat(registry.scrape())
                .contains("cdc_capture_lag_seconds_bucket{table=\"public.t\",le=\"1.0\"} 0")
                .contains("cdc_capture_lag_seconds_bucket{table=\"public.t\",le=\"2.5\"} 1")
                .contains("cdc_capture_lag_seconds_sum{table=\"public.t\"} 1.93")
                .contains("dq_processing_lag_seconds_bucket{table=\"public.t\",le=\"0.05\"} 0")
                .contains("dq_processing_lag_seconds_bucket{table=\"public.t\",le=\"0.1\"} 1")
                .contains("dq_processing_lag_seconds_sum{table=\"public.t\"} 0.07");
    }

    @Test
    void anEventWithoutSourceTimeStillHasThisServicesPartOfTheLag() {
        Instant now = Instant.parse("2026-01-01T00:00:01Z");
        metrics.eventProcessed("public.t", Op.CREATE, null, now.minusMillis(70), now);
        assertThat(registry.scrape()).contains("dq_processing_lag_seconds_count{table=\"public.t\"} 1")
                .doesNotContain("cdc_capture_lag_seconds_count");
    }

    @Test
    void lastEventTimestampKeepsTheNewestCommitTime() {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");
        metrics.eventProcessed("public.t", Op.UPDATE, now.minusSeconds(1), null, now);
        metrics.eventProcessed("public.t", Op.UPDATE, now.minusSeconds(5), null, now);
        assertThat(registry.scrape()).contains("cdc_last_event_timestamp_seconds{table=\"public.t\"} 1.767225609E9");
    }

    @Test
    void negativeLagFromClockSkewCountsAsZero() {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");
        metrics.eventProcessed("public.t", Op.CREATE, now.plusSeconds(2), null, now);
        assertThat(registry.scrape()).contains("cdc_event_lag_seconds_bucket{table=\"public.t\",le=\"0.01\"} 1");
    }

    @Test
    void tablesBeyondTheLimitShareTheOverflowLabel() {
        metrics.eventProcessed("public.first", Op.CREATE, null, null, Instant.now());
        metrics.eventProcessed("public.second", Op.CREATE, null, null, Instant.now());
        metrics.eventProcessed("public.third", Op.CREATE, null, null, Instant.now());
        assertThat(registry.scrape()).contains("cdc_events_total{op=\"create\",table=\"public.first\"} 1.0")
                .contains("cdc_events_total{op=\"create\",table=\"_other\"} 2.0")
                .doesNotContain("public.second");
    }

    @Test
    void everyReasonAndStageStartsAtZero() {
        assertThat(registry.scrape())
                .contains("cdc_events_rejected_total{reason=\"unprocessable\"} 0.0")
                .contains("cdc_events_rejected_total{reason=\"invalid_schema\"} 0.0")
                .contains("cdc_records_skipped_total{reason=\"logical_message\"} 0.0")
                .contains("dq_batch_failures_total{stage=\"dead_letter\"} 0.0")
                .contains("dq_batch_failures_total{stage=\"limits\"} 0.0")
                .contains("dq_batch_failures_total{stage=\"schema\"} 0.0");
    }

    @Test
    void rejectsAndSkipsHaveTheirNames() {
        metrics.rejected(RejectReason.MALFORMED_JSON);
        metrics.skipped(SkipReason.TOMBSTONE);
        assertThat(registry.scrape())
                .contains("cdc_events_rejected_total{reason=\"malformed_json\"} 1.0")
                .contains("cdc_records_skipped_total{reason=\"tombstone\"} 1.0");
    }

    @Test
    void eachConnectorsHeartbeatIsItsOwnSeriesAndOnlyMovesForward() {
        metrics.heartbeat("monitoring_server", Instant.ofEpochSecond(100));
        metrics.heartbeat("monitoring_mariadb", Instant.ofEpochSecond(50));
        metrics.heartbeat("monitoring_server", Instant.ofEpochSecond(90));
        assertThat(registry.scrape())
                .contains("cdc_heartbeat_timestamp_seconds{connector=\"monitoring_server\"} 100.0")
                .contains("cdc_heartbeat_timestamp_seconds{connector=\"monitoring_mariadb\"} 50.0");
    }

    @Test
    void everyMeterHasADescription() {
        metrics.eventProcessed("public.t", Op.CREATE, Instant.now(), null, Instant.now());
        metrics.heartbeat("monitoring_server", Instant.now());
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }

    @Test
    void sourceTimesAheadStartAtZeroWithATablesFirstChangeAndAConnectorsFirstHeartbeat() {
        metrics.tableSeen("monitoring_server", "public.t");
        metrics.heartbeat("monitoring_server", Instant.now());

        assertThat(registry.scrape())
                .contains("cdc_source_time_ahead_total{connector=\"monitoring_server\",table=\"public.t\"} 0.0")
                .contains("cdc_source_time_ahead_total{connector=\"monitoring_server\",table=\"_heartbeat\"} 0.0");
    }

    @Test
    void sourceTimesAheadAreCountedByConnectorAndBoundedTable() {
        metrics.sourceTimeAhead("monitoring_server", "public.t");
        metrics.sourceTimeAhead("monitoring_server", "public.u");
        metrics.sourceTimeAhead("monitoring_server", "public.v");
        metrics.sourceTimeAhead("monitoring_mariadb", PipelineMetrics.HEARTBEATS);

        assertThat(registry.scrape())
                .contains("cdc_source_time_ahead_total{connector=\"monitoring_server\",table=\"public.t\"} 1.0")
                .contains("cdc_source_time_ahead_total{connector=\"monitoring_server\",table=\"_other\"} 2.0")
                .contains("cdc_source_time_ahead_total{connector=\"monitoring_mariadb\",table=\"_heartbeat\"} 1.0");
    }
}
