package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.ruleconfig.RulesFixture;
import io.dqmonitor.rules.RuleFixtures;
import org.junit.jupiter.api.Test;

/**
 * The two simulated weeks of {@link ReplayScenario} through the service's signals and detectors, without Kafka: a
 * quick check of what {@code AnomalyReplayIT} proves on the real stack.
 */
class ReplayScenarioTest {

    @Test
    void raisesEachIncidentInItsFirstMinutesAndNothingElse() {
        // ReplayScenario's rules, as YAML
        AnomalyMonitor monitor = new AnomalyMonitor(RuleFixtures.inForce(RulesFixture.rules("""
                dq.tables.shop.orders.columns.amount.min: 0
                dq.tables.shop.orders.anomaly.columns: [note]
                """)));
        ReplayScenario scenario = new ReplayScenario();
        Map<String, Detector> detectors = new HashMap<>();
        List<Observation> raised = new ArrayList<>();
        long offset = 0;
        for (int minute = 0; minute < ReplayScenario.MINUTES; minute++) {
            for (ReplayScenario.Change change : scenario.minute(minute)) {
                monitor.record(change.event(), change.violates(), "replay.shop.orders", 0, offset++);
            }
            monitor.heartbeat("__debezium-heartbeat.replay", ReplayScenario.START.plusSeconds(60L * minute + 90));
            monitor.advance((topic, partition) -> true);
            List<Observation> closed = monitor.pending(Integer.MAX_VALUE);
            for (Observation window : closed) {
                Detector detector = detectors.computeIfAbsent(window.signal().name(),
                        name -> new Detector(monitor.settings(window.table(), window.signal()).orElseThrow()));
                if (detector.observe(window.windowStart().getEpochSecond(), window.modelValue(), window.noise())
                        .raised()) {
                    raised.add(window);
                }
            }
            monitor.judged(closed.size());
        }
        assertThat(raised).extracting(w -> w.signal().name())
                .containsExactlyInAnyOrderElementsOf(ReplayScenario.EXPECTED.keySet());
        assertThat(raised).allSatisfy(w -> assertThat(ReplayScenario.EXPECTED.get(w.signal().name())
                .seenInTime(w.windowStart(), w.windowEnd())).as(w.toString()).isTrue());
    }
}
