package io.dqmonitor.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.ChangeEvent;
import org.springframework.stereotype.Component;

/**
 * Tracks each table's columns (and their types, when events carry schemas) and reports what changed. The first event
 * of a table after start-up is its baseline. Changes seen in a batch become the new baseline only when the batch's
 * effects are stored ({@link Session#commit()}), so a retried batch reports them again rather than losing them.
 */
@Component
public class SchemaTracker {

    private final Map<String, Map<String, String>> known = new ConcurrentHashMap<>();

    public Session session() {
        return new Session();
    }

    /** The schema observations of one batch. */
    public final class Session {

        private final Map<String, Map<String, String>> pending = new HashMap<>();

        public List<SchemaChange> observe(ChangeEvent event) {
            Map<String, String> columns = columnsOf(event);
            if (columns.isEmpty()) {
                return List.of();
            }
            Map<String, String> previous = pending.getOrDefault(event.table(), known.get(event.table()));
            pending.put(event.table(), columns);
            return previous == null ? List.of() : diff(event.table(), previous, columns);
        }

        public void commit() {
            known.putAll(pending);
        }
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
