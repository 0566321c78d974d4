package io.dqmonitor.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.dqmonitor.cdc.ChangeEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Tracks each table's columns (and their types, when events carry schemas) and reports what changed. The first event
 * any instance sees of a table is its baseline. The baseline is shared ({@link SchemaBaselines}): a change is
 * reported by the one instance whose claim moves the baseline, however many read the table's partitions, and by
 * whoever reads the same event again after a retry or a crash. An event committed before the baseline's is older
 * than it: one partition can be behind another, so its columns are not a change back. Commit times have milliseconds
 * only, and an event of the baseline's very millisecond is not taken as older (documents can change shape within
 * one): a lagging partition's last change before a column change, committed in that same millisecond, shows as a
 * change back and forth.
 */
@Component
public class SchemaTracker {

    private final SchemaBaselines store;
    private final SchemaChangeBudget budget;
    private final ContractSchemaCheck contracts;
    private final Map<String, Optional<Baseline>> known = new ConcurrentHashMap<>();

    @Autowired
    public SchemaTracker(SchemaBaselines store, SchemaChangeBudget budget, ContractSchemaCheck contracts) {
        this.store = store;
        this.budget = budget;
        this.contracts = contracts;
    }

    /** A tracker that reports every change, and no contract's, for tests of what it reports. */
    public SchemaTracker(SchemaBaselines store) {
        this(store, null, null);
    }

    /**
     * The changes the event shows, if this instance claims them, and where it departs from its table's contract;
     * {@code eventId} gives its source position's id, asked for only when the event shows a change.
     */
    public List<SchemaChange> observe(ChangeEvent event, Supplier<String> eventId) {
        List<SchemaChange> changes = changes(event, eventId);
        List<SchemaChange> admitted = budget == null ? changes : budget.admit(event.table(), changes);
        List<SchemaChange> departures = contracts == null ? List.of() : contracts.check(event, eventId);
        if (departures.isEmpty()) {
            return admitted;
        }
        List<SchemaChange> all = new java.util.ArrayList<>(admitted);
        all.addAll(departures);
        return all;
    }

    private List<SchemaChange> changes(ChangeEvent event, Supplier<String> eventId) {
        Map<String, String> columns = columnsOf(event);
        if (columns.isEmpty()) {
            return List.of();
        }
        Optional<Baseline> current = known.computeIfAbsent(event.table(), store::load);
        Optional<List<SchemaChange>> changes = changes(event, eventId, columns, current);
        if (changes.isPresent()) {
            return changes.get();
        }
        // another instance moved the baseline first: judge the event again against that one, which it cannot move
        Optional<Baseline> moved = store.load(event.table());
        known.put(event.table(), moved);
        return changes(event, eventId, columns, moved).orElse(List.of());
    }

    /**
     * Whether the event may be the one that set the baseline: an id is a hash of the commit time's milliseconds, so
     * an event of another commit time is not, and its id need not be made. A time missing on either side (dropped as
     * ahead of this host's clock) decides nothing.
     */
    private static boolean maySetIt(ChangeEvent event, Baseline baseline) {
        return event.sourceTimestamp() == null || baseline.sourceTimestamp() == null
                || event.sourceTimestamp().toEpochMilli() == baseline.sourceTimestamp().toEpochMilli();
    }

    /** The changes, or empty if the claim of a new baseline was lost. */
    private Optional<List<SchemaChange>> changes(ChangeEvent event, Supplier<String> eventId,
            Map<String, String> columns, Optional<Baseline> current) {
        if (current.isPresent()) {
            Baseline baseline = current.get();
            if (columns.equals(baseline.columns()) && maySetIt(event, baseline)
                    && eventId.get().equals(baseline.eventId())) {
                // this event set the baseline: a retry or a re-read after a crash reports its change again. The
                // columns must match too: events without a source position or row key can share an identity
                return Optional.of(baseline.previousColumns() == null ? List.of()
                        : diff(event.table(), baseline.previousColumns(), baseline.columns()));
            }
            if (columns.equals(baseline.columns()) || isOlder(event, baseline)) {
                return Optional.of(List.of());
            }
        }
        Baseline next = new Baseline(columns, current.map(Baseline::columns).orElse(null), event.sourceTimestamp(),
                eventId.get());
        if (!store.claim(event.table(), current, next)) {
            return Optional.empty();
        }
        known.put(event.table(), Optional.of(next));
        return Optional.of(current.isEmpty() ? List.of() : diff(event.table(), current.get().columns(), columns));
    }

    private static boolean isOlder(ChangeEvent event, Baseline baseline) {
        return event.sourceTimestamp() != null && baseline.sourceTimestamp() != null
                && event.sourceTimestamp().isBefore(baseline.sourceTimestamp());
    }

    private static Map<String, String> columnsOf(ChangeEvent event) {
        if (event.partial()) {
            // the fields one update touched are not the document's shape
            return Map.of();
        }
        if (!event.columnTypes().isEmpty()) {
            return event.columnTypes();
        }
        Map<String, Object> row = event.after() != null ? event.after() : event.before();
        Map<String, String> columns = new LinkedHashMap<>();
        if (row != null) {
            row.keySet().forEach(column -> columns.put(column, ""));
        }
        return columns;
    }

    private static List<SchemaChange> diff(String table, Map<String, String> before, Map<String, String> after) {
        List<SchemaChange> changes = new ArrayList<>();
        after.forEach((column, type) -> {
            String old = before.get(column);
            if (old == null) {
                changes.add(new SchemaChange(table, SchemaChange.ADDED, column, null, emptyToNull(type)));
            } else if (!old.isEmpty() && !type.isEmpty() && !Objects.equals(old, type)) {
                changes.add(new SchemaChange(table, SchemaChange.TYPE_CHANGED, column, old, type));
            }
        });
        before.forEach((column, type) -> {
            if (!after.containsKey(column)) {
                changes.add(new SchemaChange(table, SchemaChange.REMOVED, column, emptyToNull(type), null));
            }
        });
        return changes;
    }

    private static String emptyToNull(String type) {
        return type.isEmpty() ? null : type;
    }
}
