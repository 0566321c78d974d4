package io.dqmonitor.anomaly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.dqmonitor.tasks.BackgroundTasks;
import org.springframework.stereotype.Component;

/**
 * Judges the closed windows in the background: each detector judges on a copy, the anomalies and the copies' states
 * are stored in one transaction, and only then are the copies adopted and the windows dropped from the queue. A
 * failed store leaves everything as it was, to be judged again on the next run.
 */
@Component
class AnomalyJudge {

    private static final Logger log = LoggerFactory.getLogger(AnomalyJudge.class);
    /** Windows judged in one transaction at most: a replay of weeks is judged in bounded steps. */
    private static final int MAX_PER_RUN = 20_000;

    private final AnomalyMonitor monitor;
    private final AnomalyStore store;
    private final AnomalyMetrics metrics;
    private final Map<List<String>, Detector> detectors = new HashMap<>();

    AnomalyJudge(AnomalyMonitor monitor, AnomalyStore store, AnomalyMetrics metrics, AnomalyProperties properties,
            BackgroundTasks tasks) {
        this.monitor = monitor;
        this.store = store;
        this.metrics = metrics;
        tasks.register("anomaly-judge", Duration.ZERO, properties.interval(), this::judgePending);
    }

    private record Judged(Observation observation, Assessment assessment) {
    }

    synchronized void judgePending() {
        List<Observation> pending = monitor.pending(MAX_PER_RUN);
        if (pending.isEmpty()) {
            return;
        }
        Map<List<String>, Detector> updated = new HashMap<>();
        List<Judged> judged = new ArrayList<>();
        for (Observation observation : pending) {
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
        store.save(anomalies(judged), updated.entrySet().stream().map(e -> new AnomalyStore.State(e.getKey().get(0),
                e.getKey().get(1), e.getValue().state())).toList());
        detectors.putAll(updated);
        monitor.judged(pending.size());
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
        Detector known = detectors.get(key);
        if (known != null) {
            return known.state();
        }
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
