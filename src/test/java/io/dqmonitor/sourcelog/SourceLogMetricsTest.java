package io.dqmonitor.sourcelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class SourceLogMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SourceLogMetrics metrics = new SourceLogMetrics(registry);

    @Test
    void aSlotHasItsStateItsDistancesAndOneForItsWalStatus() {
        metrics.slots("default", List.of(new SlotReader.Slot("s", false, 4096, 1024L, 10_000L, "extended")));
        assertThat(registry.scrape())
                .contains("cdc_source_slot_active{slot=\"s\",source=\"default\"} 0.0")
                .contains("cdc_source_slot_retained_bytes{slot=\"s\",source=\"default\"} 4096.0")
                .contains("cdc_source_slot_flush_lag_bytes{slot=\"s\",source=\"default\"} 1024.0")
                .contains("cdc_source_slot_safe_wal_bytes{slot=\"s\",source=\"default\"} 10000.0")
                .contains("cdc_source_slot_wal_status{slot=\"s\",source=\"default\",status=\"extended\"} 1.0")
                .contains("cdc_source_slot_wal_status{slot=\"s\",source=\"default\",status=\"lost\"} 0.0");
    }

    @Test
    void aSlotThatIsGoneLosesItsSeriesAndAServerWithoutALimitHasNoSafeWal() {
        metrics.slots("default", List.of(new SlotReader.Slot("s", true, 1, 1L, 5L, "reserved")));
        metrics.slots("default", List.of(new SlotReader.Slot("t", true, 1, null, null, "reserved")));
        assertThat(registry.scrape()).doesNotContain("slot=\"s\"").doesNotContain("cdc_source_slot_safe_wal_bytes{")
                .contains("cdc_source_slot_flush_lag_bytes{slot=\"t\",source=\"default\"} NaN");
    }

    @Test
    void aBinlogSourceBeforeItsConnectorStreamedHasNoDistanceYet() {
        metrics.binlog("mariadb", new BinlogDistance.Reading(Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(90), 604_800));
        assertThat(registry.scrape())
                .contains("cdc_source_binlog_behind_bytes{source=\"mariadb\"} NaN")
                .contains("cdc_source_binlog_oldest_file_age_seconds{source=\"mariadb\"} 90.0")
                .contains("cdc_source_binlog_expiry_seconds{source=\"mariadb\"} 604800.0");
    }

    @Test
    void everyMeterHasADescription() {
        metrics.up("default", true);
        metrics.slots("default", List.of(new SlotReader.Slot("s", true, 1, 1L, 5L, "reserved")));
        metrics.binlog("mariadb", new BinlogDistance.Reading(Optional.of(1L), Optional.of(false),
                Optional.of(Duration.ZERO), Duration.ZERO, 0));
        assertThat(registry.getMeters()).hasSizeGreaterThan(10)
                .allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }
}
