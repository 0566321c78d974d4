package io.dqmonitor.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One table's windows as its lead judges them, from the minutes every partition has closed ({@link PartitionSignals}),
 * summed. A count is judged per minute (quiet minutes as zero); a share or mean once it has pooled at least
 * {@link Signal#POOL} contributions, over as many minutes as that takes. Its state (the next minute and the pools under
 * way) is stored with the detectors, so the next lead goes on from here.
 * <p>
 * The first minute of a new aggregation is not judged: the partitions may have begun reading in the middle of it. More
 * than a day without a change (a clock far off, a long outage) starts again after it rather than judging a day of
 * zeros; a backlog of many days of changes is judged minute by minute.
 */
final class TableWindows {

    private static final Signal CREATES = Signal.count("changes_create");
    private static final Signal UPDATES = Signal.count("changes_update");
    private static final Signal DELETES = Signal.count("changes_delete");

    /**
     * @param nextMinute the first minute not judged yet; MIN_VALUE before the first
     * @param pools      by signal name: {sum, count, first minute}
     */
    record State(long nextMinute, Map<String, double[]> pools) {

        static State fresh() {
            return new State(Long.MIN_VALUE, Map.of());
        }
    }

    private final String table;
    private final Set<String> kinds;
    private long nextMinute;
    private final Map<String, double[]> pools;

    TableWindows(String table, Set<String> kinds, State state) {
        this.table = table;
        this.kinds = kinds;
        this.nextMinute = state.nextMinute();
        this.pools = new TreeMap<>();
        state.pools().forEach((signal, pool) -> pools.put(signal, pool.clone()));
    }

    /**
     * Judges the minutes before {@code watermark} (every partition has closed them; {@code minutes} holds those with
     * changes, summed), at most {@code maxMinutes} of them.
     */
    List<Observation> closeBefore(long watermark, Map<Long, MinuteCounts> minutes, long maxMinutes) {
        List<Observation> out = new ArrayList<>();
        long from = nextMinute;
        Optional<Long> firstChanged = minutes.keySet().stream().filter(m -> m >= from && m < watermark)
                .min(Long::compare);
        if (nextMinute == Long.MIN_VALUE) {
            if (firstChanged.isEmpty()) {
                // no change yet: the aggregation begins with the first minute that has one
                return out;
            }
            pools.clear();
            nextMinute = firstChanged.get() + 1;
        } else if (firstChanged.orElse(watermark) - nextMinute > PartitionSignals.MAX_GAP_MINUTES) {
            // more than a day without a change: start again after it, not with a day of zeros
            pools.clear();
            nextMinute = firstChanged.map(m -> m + 1).orElse(watermark);
        }
        for (long until = Math.min(watermark, nextMinute + maxMinutes); nextMinute < until; nextMinute++) {
            close(nextMinute, minutes.getOrDefault(nextMinute, MinuteCounts.empty()), out);
        }
        return out;
    }

    State state() {
        Map<String, double[]> copy = new TreeMap<>();
        pools.forEach((signal, pool) -> copy.put(signal, pool.clone()));
        return new State(nextMinute, copy);
    }

    private void close(long minute, MinuteCounts counts, List<Observation> out) {
        Instant start = Instant.ofEpochSecond(minute * 60);
        Instant end = start.plusSeconds(60);
        if (kinds.contains("changes")) {
            long[] changes = counts.changes();
            out.add(new Observation(table, CREATES, start, end, changes[0], changes[0]));
            out.add(new Observation(table, UPDATES, start, end, changes[1], changes[1]));
            out.add(new Observation(table, DELETES, start, end, changes[2], changes[2]));
        }
        counts.pools().forEach((signal, sum) -> {
            double[] pool = pools.computeIfAbsent(signal, s -> new double[] {0, 0, minute});
            pool[0] += sum[0];
            pool[1] += sum[1];
        });
        pools.forEach((name, pool) -> {
            if (pool[1] >= Signal.POOL) {
                out.add(new Observation(table, Signal.pooled(name), Instant.ofEpochSecond((long) pool[2] * 60), end,
                        pool[0] / pool[1], (long) pool[1]));
                pool[0] = 0;
                pool[1] = 0;
                pool[2] = minute + 1;
            }
        });
    }
}
