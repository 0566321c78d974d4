package io.dqmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The Prometheus names of the meters are a contract shared with the dashboards and alerts. */
class DqMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DqMetrics metrics = new DqMetrics(registry);

    @Test
    void eventsAreCountedByTableAndOp() {
        metrics.eventProcessed("public.t", "create", null, Instant.now());
        assertThat(registry.scrape()).contains("cdc_events_total{op=\"create\",table=\"public.t\"} 1.0");
    }

    @Test
    void lagIsAHistogramInSeconds() {
        Instant now = Instant.parse("2026-01-01T00:00:01Z");
        metrics.eventProcessed("public.t", "create", now.minusMillis(300), now);
        assertThat(registry.scrape())
                .contains("cdc_event_lag_seconds_bucket{table=\"public.t\",le=\"0.25\"} 0")
                .contains("cdc_event_lag_seconds_bucket{table=\"public.t\",le=\"0.5\"} 1")
                .contains("cdc_event_lag_seconds_sum{table=\"public.t\"} 0.3");
    }

    @Test
    void lastEventTimestampKeepsTheNewestCommitTime() {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");
        metrics.eventProcessed("public.t", "update", now.minusSeconds(1), now);
        metrics.eventProcessed("public.t", "update", now.minusSeconds(5), now);
        assertThat(registry.scrape()).contains("cdc_last_event_timestamp_seconds{table=\"public.t\"} 1.767225609E9");
    }

    @Test
    void negativeLagFromClockSkewCountsAsZero() {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");
        metrics.eventProcessed("public.t", "create", now.plusSeconds(2), now);
        assertThat(registry.scrape()).contains("cdc_event_lag_seconds_bucket{table=\"public.t\",le=\"0.01\"} 1");
    }

    @Test
    void violationsRejectsAndSkipsHaveTheirNames() {
        metrics.recordViolation("public.t", "email", "pattern");
        metrics.recordRejected("malformed_json");
        metrics.recordSkipped("tombstone");
        assertThat(registry.scrape())
                .contains("dq_violations_total{column=\"email\",rule=\"pattern\",table=\"public.t\"} 1.0")
                .contains("cdc_events_rejected_total{reason=\"malformed_json\"} 1.0")
                .contains("cdc_records_skipped_total{reason=\"tombstone\"} 1.0");
    }

    @Test
    void freshnessThresholdIsInSeconds() {
        metrics.freshnessThreshold("public.t", Duration.ofMinutes(5));
        assertThat(registry.scrape()).contains("dq_freshness_threshold_seconds{table=\"public.t\"} 300.0");
    }

    @Test
    void everyMeterHasADescription() {
        metrics.eventProcessed("public.t", "create", Instant.now(), Instant.now());
        metrics.recordViolation("public.t", "email", "pattern");
        metrics.recordRejected("malformed_json");
        metrics.recordSkipped("tombstone");
        metrics.freshnessThreshold("public.t", Duration.ofMinutes(5));
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }
}
