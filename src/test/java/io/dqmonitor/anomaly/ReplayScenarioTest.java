package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.partitions.StoredChange;
import io.dqmonitor.partitions.TableLeads;
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
        InMemoryMinuteStore store = new InMemoryMinuteStore();
        TableLeads onePartition = new TableLeads() {
            @Override
            public boolean leads(String table) {
                return true;
            }

            @Override
            public List<Held> held(String table) {
                return List.of(new Held("replay.shop.orders", 0));
            }

            @Override
            public int partitions(String table) {
                return 1;
            }
        };
        AnomalyMonitor monitor = new AnomalyMonitor(RuleFixtures.inForce(RulesFixture.rules("""
                dq.tables.shop.orders.columns.amount.min: 0
                dq.tables.shop.orders.anomaly.columns: [note]
                """)), store, onePartition);
        ReplayScenario scenario = new ReplayScenario();
        Map<String, Detector> detectors = new HashMap<>();
        List<Observation> raised = new ArrayList<>();
        long offset = 0;
        for (int minute = 0; minute < ReplayScenario.MINUTES; minute++) {
            List<StoredChange> batch = new ArrayList<>();
            for (ReplayScenario.Change change : scenario.minute(minute)) {
                batch.add(new StoredChange(change.event(), change.violates(), "replay.shop.orders", 0,
                        offset++));
            }
            monitor.record(batch, List.of(new AnomalyMonitor.Heartbeat("__debezium-heartbeat.replay",
                    ReplayScenario.START.plusSeconds(60L * minute + 90))), (topic, partition) -> true);
            Optional<DueWindows> due = DueWindows.of(store, "shop.orders", monitor.kinds("shop.orders").orElseThrow(),
                    1, 1_000_000);
            if (due.isEmpty()) {
                continue;
            }
            for (Observation window : due.get().observations()) {
                Detector detector = detectors.computeIfAbsent(window.signal().name(),
                        name -> new Detector(monitor.settings(window.table(), window.signal()).orElseThrow()));
                if (detector.observe(window.windowStart().getEpochSecond(), window.modelValue(), window.noise())
                        .raised()) {
                    raised.add(window);
                }
            }
            store.judged("shop.orders", due.get().next());
        }
        assertThat(raised).extracting(w -> w.signal().name())
                .containsExactlyInAnyOrderElementsOf(ReplayScenario.EXPECTED.keySet());
        assertThat(raised).allSatisfy(w -> assertThat(ReplayScenario.EXPECTED.get(w.signal().name())
                .seenInTime(w.windowStart(), w.windowEnd())).as(w.toString()).isTrue());
    }
}
