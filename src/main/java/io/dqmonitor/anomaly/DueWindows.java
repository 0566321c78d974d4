package io.dqmonitor.anomaly;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The windows of a table due for judging: the minutes every partition of its topic has closed, from where its lead
 * left off, at most a bounded number at a time.
 *
 * @param observations the windows to judge
 * @param next         the lead's place once they are judged
 * @param left         closed minutes left for a later run
 */
record DueWindows(List<Observation> observations, TableWindows.State next, long left) {

    /**
     * Empty until every one of the topic's {@code partitions} has told where it is, or when nothing moved since.
     */
    static Optional<DueWindows> of(MinuteStore minutes, String table, Set<String> kinds, int partitions,
            long maxMinutes) {
        List<PartitionSignals> read = minutes.partitions(table);
        if (partitions == 0 || read.size() < partitions) {
            return Optional.empty();
        }
        long closedBefore = read.stream().mapToLong(PartitionSignals::openMinute).min().orElse(Long.MIN_VALUE);
        if (closedBefore == Long.MIN_VALUE) {
            return Optional.empty();
        }
        TableWindows.State state = minutes.state(table);
        TableWindows windows = new TableWindows(table, kinds, state);
        List<Observation> observations = windows.closeBefore(closedBefore,
                minutes.minutes(table, state.nextMinute(), closedBefore), maxMinutes);
        if (observations.isEmpty() && windows.state().nextMinute() == state.nextMinute()) {
            return Optional.empty();
        }
        return Optional.of(new DueWindows(observations, windows.state(),
                closedBefore - windows.state().nextMinute()));
    }
}
