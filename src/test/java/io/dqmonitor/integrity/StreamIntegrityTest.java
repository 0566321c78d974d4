package io.dqmonitor.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import io.dqmonitor.cdc.Capture;
import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class StreamIntegrityTest {

    private static final String CONNECTOR = "monitoring_server";
    private static final String TOPIC = "monitoring_server.public.t";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StreamIntegrity integrity = IntegrityFixtures.integrity(registry);
    private long offset;

    @Test
    void theInitialSnapshotIsNoRerunAndAnotherOneAfterStreamingIsOneWhateverItsRows() {
        snapshot(100, 3);
        streamed(200, 1);
        assertThat(scrape()).contains("cdc_snapshot_reruns_total{connector=\"monitoring_server\"} 0.0");
        snapshot(300, 5);
        assertThat(scrape()).contains("cdc_snapshot_reruns_total{connector=\"monitoring_server\"} 1.0")
                .contains("cdc_snapshot_rows{table=\"public.t\"} 5.0");
    }

    @Test
    void aSnapshotFirstSeenPastTheStartOfItsTopicIsARerun() {
        // dq-monitor restarted since the connector last streamed: the topic had records before this snapshot
        offset = 1_000;
        snapshot(300, 2);
        assertThat(scrape()).contains("cdc_snapshot_reruns_total{connector=\"monitoring_server\"} 1.0");
    }

    @Test
    void aRecordReadAgainAfterAFailedStoreIsNotCountedAgain() {
        snapshot(100, 1);
        streamed(200, 1);
        snapshot(300, 1);
        offset = 2;
        snapshot(300, 1);
        assertThat(scrape()).contains("cdc_snapshot_reruns_total{connector=\"monitoring_server\"} 1.0");
    }

    @Test
    void aChangeOlderThanOneReadBeforeIsARegressionButARedeliveryIsNot() {
        streamed(500, 1);
        ChangeEvent early = change(400, Capture.Snapshot.NONE, 1);
        integrity.observe(CONNECTOR, TOPIC, 0, offset++, change(600, Capture.Snapshot.NONE, 2), id(600, 2) + 7);
        // the connector resends 500 after a restart: the same change, a new offset
        integrity.observe(CONNECTOR, TOPIC, 0, offset++, change(500, Capture.Snapshot.NONE, 1), id(500, 1));
        assertThat(scrape()).contains("cdc_position_regressions_total{connector=\"monitoring_server\"} 0.0");
        integrity.observe(CONNECTOR, TOPIC, 0, offset++, early, id(400, 1));
        assertThat(scrape()).contains("cdc_position_regressions_total{connector=\"monitoring_server\"} 1.0");
    }

    @Test
    void anUnavailableValueIsCountedByTableAndColumn() {
        ChangeEvent event = change(100, Capture.Snapshot.NONE, 1).withUnavailable(Set.of("body"));
        integrity.observe(CONNECTOR, TOPIC, 0, offset++, event, id(100, 1));
        integrity.observe(CONNECTOR, TOPIC, 0, 0, event, id(100, 1));
        assertThat(scrape()).contains("cdc_unavailable_values_total{column=\"body\",table=\"public.t\"} 1.0");
    }

    @Test
    void everyMeterHasADescription() {
        snapshot(100, 1);
        integrity.observe(CONNECTOR, TOPIC, 0, offset++, change(1, Capture.Snapshot.NONE, 1)
                .withUnavailable(Set.of("x")), id(1, 1));
        assertThat(registry.getMeters()).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }

    private void snapshot(long lsn, int rows) {
        for (int row = 0; row < rows; row++) {
            Capture.Snapshot marker = row == rows - 1 ? Capture.Snapshot.LAST
                    : row == 0 ? Capture.Snapshot.FIRST : Capture.Snapshot.WITHIN;
            integrity.observe(CONNECTOR, TOPIC, 0, offset++, change(lsn, marker, row), id(lsn, row));
        }
    }

    private void streamed(long lsn, int key) {
        integrity.observe(CONNECTOR, TOPIC, 0, offset++, change(lsn, Capture.Snapshot.NONE, key), id(lsn, key));
    }

    private static ChangeEvent change(long lsn, Capture.Snapshot marker, int key) {
        Op op = marker == Capture.Snapshot.NONE ? Op.CREATE : Op.READ;
        return new ChangeEvent("public.t", op, Map.of("id", key), null, Map.of("id", key), null,
                Position.postgres(lsn, 7L), Map.of(), false,
                new Capture(marker, new Capture.StreamOrder(lsn, lsn, 0)), Set.of());
    }

    private static long id(long lsn, int key) {
        return lsn * 1000 + key;
    }

    private String scrape() {
        return registry.scrape();
    }
}
