package io.dqmonitor.anomaly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dqmonitor.partitions.TableLeads;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.tasks.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges the windows of the tables this instance leads, in the background: the minutes every partition of the table
 * has closed are summed ({@link TableWindows}), each detector judges on a copy, and the anomalies, the copies' states
 * and the table's new place are stored in one transaction; only then are the copies adopted. A failed store leaves
 * everything as it was, to be judged again on the next run, here or on the next lead.
 */
@Component
class AnomalyJudge {

    private static final Logger log = LoggerFactory.getLogger(AnomalyJudge.class);
    /** Minutes of one table judged in one transaction at most: a replay of weeks is judged in bounded steps. */
    private static final long MAX_MINUTES_PER_RUN = 5_000;

    private final AnomalyMonitor monitor;
    private final AnomalyStore store;
    private final MinuteStore minutes;
    private final AnomalyMetrics metrics;
    private final TableLeads leads;
    private final RulesInForce rules;
    private final TransactionTemplate transactions;

    AnomalyJudge(AnomalyMonitor monitor, AnomalyStore store, MinuteStore minutes, AnomalyMetrics metrics,
            TableLeads leads, RulesInForce rules, TransactionTemplate transactions, AnomalyProperties properties,
            BackgroundTasks tasks) {
        this.monitor = monitor;
        this.store = store;
        this.minutes = minutes;
        this.metrics = metrics;
        this.leads = leads;
        this.rules = rules;
        this.transactions = transactions;
        tasks.register("anomaly-judge", Duration.ZERO, properties.interval(), this::judgePending);
    }

    private record Judged(Observation observation, Assessment assessment) {
    }

    synchronized void judgePending() {
        Set<String> led = new HashSet<>();
        long pending = 0;
        for (String table : rules.tables().keySet()) {
            Optional<Set<String>> kinds = monitor.kinds(table);
            if (kinds.isEmpty() || !leads.leads(table)) {
                continue;
            }
            led.add(table);
            pending += judge(table, kinds.get());
        }
        // a table another instance leads now is reported there
        metrics.retain(led);
        metrics.pending(pending);
    }

    /** Judges the table's closed minutes, at most a bounded number; returns how many closed minutes are left. */
    private long judge(String table, Set<String> kinds) {
        Optional<DueWindows> due = DueWindows.of(minutes, table, kinds, leads.partitions(table), MAX_MINUTES_PER_RUN);
        due.ifPresent(d -> judge(table, d.observations(), d.next()));
        return due.map(DueWindows::left).orElse(0L);
    }

    private void judge(String table, List<Observation> closed, TableWindows.State next) {
        Map<List<String>, Detector> updated = new HashMap<>();
        List<Judged> judged = new ArrayList<>();
        for (Observation observation : closed) {
            if (!Double.isFinite(observation.modelValue())) {
                // a mean whose sum overflowed: such a value would stay in the detector's state for good
                metrics.notFinite(observation);
                continue;
            }
            Signal signal = observation.signal();
            List<String> key = List.of(observation.table(), signal.name());
            Detector detector = updated.get(key);
            if (detector == null) {
                // the rules are read once per signal and run: a reload between runs applies from the next one
                Optional<DetectorSettings> settings = monitor.settings(observation.table(), signal);
                if (settings.isEmpty()) {
                    continue;
                }
                detector = Detector.restore(settings.get(), current(key));
                updated.put(key, detector);
            }
            judged.add(new Judged(observation, detector.observe(observation.windowStart().getEpochSecond(),
                    observation.modelValue(), observation.noise())));
        }
        transactions.executeWithoutResult(status -> {
            store.save(anomalies(judged), updated.entrySet().stream().map(e -> new AnomalyStore.State(
                    e.getKey().get(0), e.getKey().get(1), e.getValue().state())).toList());
            minutes.judged(table, next);
        });
        for (Judged j : judged) {
            if (j.assessment().raised()) {
                Observation o = j.observation();
                log.warn("Anomaly in {} {}: {} in the window from {}, expected {} (score {})", o.table(),
                        o.signal().name(), o.value(), o.windowStart(), o.fromModel(j.assessment().expected()),
                        j.assessment().score());
            }
            metrics.judged(j.observation(), j.assessment());
        }
    }

    private byte[] current(List<String> key) {
        // another lead may have judged since this instance last did: its state is the one stored
        return store.state(key.get(0), key.get(1)).orElse(new byte[0]);
    }

    private static List<AnomalyStore.StoredAnomaly> anomalies(List<Judged> judged) {
        List<AnomalyStore.StoredAnomaly> anomalies = new ArrayList<>();
        for (Judged j : judged) {
            if (j.assessment().raised()) {
                Observation o = j.observation();
                Assessment a = j.assessment();
                anomalies.add(new AnomalyStore.StoredAnomaly(o.table(), o.signal().name(), o.windowStart(),
                        o.windowEnd(), o.value(), o.fromModel(a.expected()), o.fromModel(a.lower()),
                        o.fromModel(a.upper()),
                        a.score(), null));
            }
        }
        return anomalies;
    }
}
