package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.dqmonitor.rules.RuleFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AnomalyMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AnomalyMetrics metrics = new AnomalyMetrics(registry,
            AnomalyFixtures.monitor(RuleFixtures.inForce(Map.of())));

    private static Observation window(Signal signal, double value) {
        return new Observation("public.t", signal, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), value, 30);
    }

    @Test
    void showsTheLatestWindowOnTheSignalsOwnScale() {
        Signal changes = Signal.count("changes_create");
        metrics.judged(window(changes, 4), new Assessment(0.2, changes.toModel(9, 9), changes.toModel(1, 1),
                changes.toModel(25, 25), false, 1));
        assertThat(registry.get("dq.anomaly.score").tag("signal", "changes_create").gauge().value()).isEqualTo(0.2);
        assertThat(registry.get("dq.anomaly.observed").gauge().value()).isEqualTo(4);
        assertThat(registry.get("dq.anomaly.expected").gauge().value()).isCloseTo(9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(registry.get("dq.anomaly.band.upper").gauge().value()).isCloseTo(25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(registry.get("dq.anomaly.training.progress.ratio").gauge().value()).isEqualTo(1);
        assertThat(registry.get("dq.anomalies").counter().count()).isZero();
    }

    @Test
    void countsEachAnomalyRaised() {
        metrics.judged(window(Signal.share("delete_share"), 0.5), new Assessment(0.95, 0.1, 0, 0.3, true, 1));
        assertThat(registry.get("dq.anomalies").tags("table", "public.t", "signal", "delete_share").counter().count())
                .isEqualTo(1);
    }

    @Test
    void countsEachWindowJudged() {
        Signal changes = Signal.count("changes_create");
        metrics.judged(window(changes, 4), new Assessment(0.2, 1, 0, 2, false, 1));
        metrics.judged(window(changes, 5), new Assessment(0.2, 1, 0, 2, false, 1));
        assertThat(registry.get("dq.anomaly.windows.judged").counter().count()).isEqualTo(2);
        assertThat(registry.get("dq.anomaly.late.changes").tag("table", "public.t").functionCounter().count())
                .isZero();
        assertThat(registry.get("dq.anomaly.windows.pending").gauge().value()).isZero();
    }

    @Test
    void everyMeterHasADescription() {
        metrics.judged(window(Signal.mean("amount"), 1), new Assessment(0, 1, 0, 2, false, 0.5));
        registry.getMeters().forEach(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }

    @Test
    void aTableAnotherInstanceLeadsNowLosesItsLatestWindowGaugesButKeepsItsCounters() {
        Signal changes = Signal.count("changes_create");
        metrics.judged(window(changes, 4), new Assessment(0.2, 1, 0, 2, false, 1));
        metrics.retain(java.util.Set.of());
        assertThat(registry.find("dq.anomaly.score").gauges()).isEmpty();
        assertThat(registry.find("dq.anomaly.observed").gauges()).isEmpty();
        assertThat(registry.get("dq.anomaly.windows.judged").counter().count()).isEqualTo(1);
        metrics.judged(window(changes, 6), new Assessment(0.2, 1, 0, 2, false, 1));
        assertThat(registry.get("dq.anomaly.observed").gauge().value()).as("back when it leads again").isEqualTo(6);
    }
}
