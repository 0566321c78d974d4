package io.dqmonitor.anomaly;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;

/**
 * One minute of one table's changes, as read from one partition or summed over all of them: the changes by operation,
 * and for each pooled signal (a share or a mean) the sum of its contributions and how many there are.
 *
 * @param changes creates, updates and deletes
 * @param pools   by signal name ({@code delete_share}, {@code null_rate:email}, {@code mean:amount}, ...):
 *                {sum, count}
 */
record MinuteCounts(long[] changes, Map<String, double[]> pools) {

    static MinuteCounts empty() {
        return new MinuteCounts(new long[3], new TreeMap<>());
    }

    boolean hasNone() {
        return changes[0] == 0 && changes[1] == 0 && changes[2] == 0 && pools.isEmpty();
    }

    /** Counts one change; {@code kinds} and {@code columns} are what the table's rules learn. */
    void add(ChangeEvent event, boolean violated, Set<String> kinds, List<String> columns) {
        changes[event.op() == Op.CREATE ? 0 : event.op() == Op.UPDATE ? 1 : 2]++;
        pool(kinds, "delete_share", "delete_share", event.op() == Op.DELETE ? 1 : 0);
        if (event.after() == null) {
            return;
        }
        pool(kinds, "violation_ratio", "violation_ratio", violated ? 1 : 0);
        for (String column : columns) {
            if (event.partial() && !event.after().containsKey(column) || event.unavailable().contains(column)) {
                // an update that did not touch the field, or a value the connector could not read, says nothing
                continue;
            }
            Object value = event.after().get(column);
            pool(kinds, "null_rate", Signal.nullRateName(column), value == null ? 1 : 0);
            double number = number(value);
            if (!Double.isNaN(number)) {
                pool(kinds, "mean", Signal.meanName(column), number);
            }
        }
    }

    /** Adds another partition's counts of the same minute. */
    void merge(MinuteCounts other) {
        for (int i = 0; i < 3; i++) {
            changes[i] += other.changes[i];
        }
        other.pools.forEach((signal, pool) -> {
            double[] sum = pools.computeIfAbsent(signal, s -> new double[2]);
            sum[0] += pool[0];
            sum[1] += pool[1];
        });
    }

    private void pool(Set<String> kinds, String kind, String signal, double value) {
        if (kinds.contains(kind)) {
            double[] pool = pools.computeIfAbsent(signal, s -> new double[2]);
            pool[0] += value;
            pool[1]++;
        }
    }

    /**
     * The value as a double, or NaN when it is not a number the mean can take: text, or a number beyond a double's
     * range ({@code 1e400}) or not finite, which would turn every mean of its pool, and the detector, into infinity.
     */
    private static double number(Object value) {
        if (value instanceof Number number) {
            double d = number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue();
            return Double.isFinite(d) ? d : Double.NaN;
        }
        return Double.NaN;
    }
}
