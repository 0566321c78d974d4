package io.dqmonitor.schema;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How many column changes of a table are reported in the current minute of this host's clock, at most
 * {@code dq.schema.max-changes-per-minute}; the rest of a minute's changes are counted as dropped. The baseline
 * itself always moves to the new columns: only the report is bounded. One window per tracked table.
 */
@Component
public class SchemaChangeBudget {

    private static final Logger log = LoggerFactory.getLogger(SchemaChangeBudget.class);

    private record Window(long minute, int used, boolean warned) {
    }

    private final int maxPerMinute;
    private final Clock clock;
    private final SchemaMetrics metrics;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    SchemaChangeBudget(SchemaProperties properties, Clock clock, SchemaMetrics metrics) {
        this.maxPerMinute = properties.maxChangesPerMinute();
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The changes of {@code table} to report: as many of {@code changes} as this minute still allows. */
    List<SchemaChange> admit(String table, List<SchemaChange> changes) {
        if (changes.isEmpty()) {
            return changes;
        }
        long minute = Math.floorDiv(clock.millis(), 60_000L);
        int[] allowed = new int[1];
        boolean[] firstDrop = new boolean[1];
        windows.compute(table, (t, window) -> {
            boolean current = window != null && window.minute() == minute;
            int used = current ? window.used() : 0;
            allowed[0] = Math.min(changes.size(), Math.max(0, maxPerMinute - used));
            boolean drops = allowed[0] < changes.size();
            firstDrop[0] = drops && !(current && window.warned());
            return new Window(minute, used + allowed[0], drops || current && window.warned());
        });
        int dropped = changes.size() - allowed[0];
        if (dropped == 0) {
            return changes;
        }
        metrics.dropped(table, dropped);
        if (firstDrop[0]) {
            // once a table and minute: the counter has the rest
            log.warn("Column changes of {} beyond dq.schema.max-changes-per-minute ({}) are not reported this "
                    + "minute; dq_schema_changes_dropped_total counts them", table, maxPerMinute);
        }
        return List.copyOf(changes.subList(0, allowed[0]));
    }
}
