package io.dqmonitor.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.contracts.ContractSchemas;
import io.dqmonitor.contracts.DeclaredSchema;
import org.springframework.stereotype.Component;

/**
 * The schema as a contract: a table's changes must keep the shape its data contract declares. A column that appears
 * but is not declared ({@code undeclared}), a declared column absent from a whole after image ({@code missing}), and
 * a column whose type no longer fits its declared logical type ({@code type_mismatch}) are each reported once, when
 * they first show, and again only after they went away; this instance remembers them until it restarts. At most
 * {@link #MAX_PER_EVENT} are reported for one change, the rest with the next.
 */
@Component
public class ContractSchemaCheck {

    static final int MAX_PER_EVENT = 100;

    private final ContractSchemas contracts;
    private final SchemaMetrics metrics;
    /** Per table, each report shown and the event that showed it. */
    private final Map<String, Map<String, String>> shown = new ConcurrentHashMap<>();

    public ContractSchemaCheck(ContractSchemas contracts, SchemaMetrics metrics) {
        this.contracts = contracts;
        this.metrics = metrics;
    }

    /** The departures the event shows first; {@code eventId} gives its source position's id. */
    public List<SchemaChange> check(ChangeEvent event, Supplier<String> eventId) {
        return contracts.of(event.table()).map(declared -> check(event, eventId, declared)).orElse(List.of());
    }

    private List<SchemaChange> check(ChangeEvent event, Supplier<String> eventId, DeclaredSchema declared) {
        Map<String, String> types = event.columnTypes() == null ? Map.of() : event.columnTypes();
        Set<String> present = !types.isEmpty() ? types.keySet() : event.after() == null ? Set.of()
                : event.after().keySet();
        if (present.isEmpty()) {
            return List.of();
        }
        List<SchemaChange> now = new ArrayList<>();
        for (String column : present) {
            String logical = declared.columns().get(column);
            if (logical == null) {
                now.add(new SchemaChange(event.table(), SchemaChange.UNDECLARED, column, null, types.get(column)));
            } else if (!LogicalTypes.fits(logical, types.get(column))) {
                now.add(new SchemaChange(event.table(), SchemaChange.TYPE_MISMATCH, column, logical,
                        types.get(column)));
            }
        }
        boolean wholeImage = event.op().hasAfterImage() && event.after() != null && !event.partial();
        if (wholeImage) {
            declared.columns().forEach((column, logical) -> {
                if (!present.contains(column)) {
                    now.add(new SchemaChange(event.table(), SchemaChange.MISSING, column, logical, null));
                }
            });
        }
        return firstShown(event.table(), eventId, now, wholeImage);
    }

    /**
     * The reports not shown before, or shown by this very event (its batch is being retried, and what it stored
     * was rolled back); those no longer true are forgotten, so that they can show again.
     */
    private List<SchemaChange> firstShown(String table, Supplier<String> eventId, List<SchemaChange> now,
            boolean wholeImage) {
        Map<String, String> before = shown.computeIfAbsent(table, t -> {
            metrics.contractDeclared(t);
            return new ConcurrentHashMap<>();
        });
        Set<String> current = new LinkedHashSet<>();
        List<SchemaChange> fresh = new ArrayList<>();
        // an event that departs from no clause needs no id: most events
        String id = now.isEmpty() ? null : eventId.get();
        for (SchemaChange change : now) {
            String key = change.change() + '\0' + change.column();
            current.add(key);
            String first = before.get(key);
            if ((first == null || first.equals(id)) && fresh.size() < MAX_PER_EVENT) {
                fresh.add(change);
                before.put(key, id);
            }
        }
        // a partial image says nothing of the columns it lacks: what was missing may still be
        before.keySet().removeIf(key -> !current.contains(key)
                && (wholeImage || !key.startsWith(SchemaChange.MISSING)));
        return fresh;
    }
}
