package io.dqmonitor.anomaly;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;

/**
 * One table's signals, aggregated by minute of source commit time. A minute closes when a later minute's change or
 * the pipeline's watermark arrives; minutes without a change close with zero counts. The minute under way when this
 * aggregation began is never judged: changes of it may have been counted before a restart.
 * <p>
 * A change more than a day away from the open minute, either way, starts the aggregation again at its own minute
 * instead of filling the gap with empty minutes: a commit time of 1970 or 2099 (a wrong clock, a hand-made record)
 * must neither flood the judge with millions of windows nor make every later change late.
 */
final class TableSignals {

    private static final Signal CREATES = Signal.count("changes_create");
    private static final Signal UPDATES = Signal.count("changes_update");
    private static final Signal DELETES = Signal.count("changes_delete");
    private static final Signal DELETE_SHARE = Signal.share("delete_share");
    private static final Signal VIOLATION_RATIO = Signal.share("violation_ratio");

    private final String table;
    private final Set<String> kinds;
    private final List<String> columns;
    private final Map<Signal, double[]> pools = new LinkedHashMap<>();
    private final long[] counts = new long[3];
    private long openMinute = Long.MIN_VALUE;
    private long firstMinute = Long.MIN_VALUE;
    private static final long MAX_GAP_MINUTES = 1440;

    private final Runnable late;

    /** {@code late} is told of each change whose minute had already closed: it is counted in no window. */
    TableSignals(String table, Set<String> kinds, List<String> columns, Runnable late) {
        this.table = table;
        this.kinds = kinds;
        this.columns = columns;
        this.late = late;
    }

    /** Adds one change; returns the observations of the minutes it closed. */
    List<Observation> add(ChangeEvent event, boolean violated) {
        if (event.sourceTimestamp() == null || event.op() == Op.READ || event.op() == Op.TRUNCATE) {
            return List.of();
        }
        long minute = Math.floorDiv(event.sourceTimestamp().getEpochSecond(), 60);
        if (openMinute != Long.MIN_VALUE && openMinute - minute > MAX_GAP_MINUTES) {
            restartAt(minute);
        } else if (openMinute != Long.MIN_VALUE && minute < openMinute) {
            late.run();
            return List.of();
        }
        List<Observation> closed = closeBefore(minute);
        if (openMinute == firstMinute) {
            return closed;
        }
        counts[event.op() == Op.CREATE ? 0 : event.op() == Op.UPDATE ? 1 : 2]++;
        pool(DELETE_SHARE, "delete_share", event.op() == Op.DELETE ? 1 : 0);
        if (event.after() != null) {
            pool(VIOLATION_RATIO, "violation_ratio", violated ? 1 : 0);
            for (String column : columns) {
                if (event.partial() && !event.after().containsKey(column)) {
                    // an update that did not touch the field says nothing about it
                    continue;
                }
                Object value = event.after().get(column);
                pool(Signal.share("null_rate:" + column), "null_rate", value == null ? 1 : 0);
                Double number = number(value);
                if (number != null) {
                    pool(Signal.mean(column), "mean", number);
                }
            }
        }
        return closed;
    }

    /** Closes every minute before {@code minute}, the first time a change or the watermark reaches past it. */
    List<Observation> closeBefore(long minute) {
        if (openMinute == Long.MIN_VALUE || minute - openMinute > MAX_GAP_MINUTES) {
            restartAt(minute);
            return List.of();
        }
        List<Observation> closed = new ArrayList<>();
        for (; openMinute < minute; openMinute++) {
            if (openMinute != firstMinute) {
                close(openMinute, closed);
            }
            counts[0] = 0;
            counts[1] = 0;
            counts[2] = 0;
        }
        return closed;
    }

    private void restartAt(long minute) {
        openMinute = minute;
        firstMinute = minute;
        counts[0] = 0;
        counts[1] = 0;
        counts[2] = 0;
        pools.clear();
    }

    private void close(long minute, List<Observation> out) {
        Instant start = Instant.ofEpochSecond(minute * 60);
        Instant end = start.plusSeconds(60);
        if (kinds.contains("changes")) {
            out.add(new Observation(table, CREATES, start, end, counts[0], counts[0]));
            out.add(new Observation(table, UPDATES, start, end, counts[1], counts[1]));
            out.add(new Observation(table, DELETES, start, end, counts[2], counts[2]));
        }
        pools.forEach((signal, pool) -> {
            if (pool[1] >= Signal.POOL) {
                out.add(new Observation(table, signal, Instant.ofEpochSecond((long) pool[2] * 60), end,
                        pool[0] / pool[1], (long) pool[1]));
                pool[0] = 0;
                pool[1] = 0;
                pool[2] = minute + 1;
            }
        });
    }

    private void pool(Signal signal, String kind, double value) {
        if (kinds.contains(kind)) {
            double[] pool = pools.computeIfAbsent(signal, s -> new double[] {0, 0, openMinute});
            pool[0] += value;
            pool[1]++;
        }
    }

    private static Double number(Object value) {
        if (value instanceof Number number) {
            return number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue();
        }
        return null;
    }
}
