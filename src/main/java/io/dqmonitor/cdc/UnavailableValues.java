package io.dqmonitor.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connectors' {@code unavailable.value.placeholder}: what a Debezium connector sends for a value it could not read,
 * such as an unchanged TOASTed column PostgreSQL left out of an update (replica identity other than {@code FULL}). It
 * is text in a text column, its UTF-8 bytes (base64 in JSON) in a binary one, and a one-element array in an array
 * column. A column holding it is unknown: not checked, not learned from, and not shown as if it were the value.
 */
public final class UnavailableValues {

    /** Debezium's default placeholder. */
    public static final String DEBEZIUM_DEFAULT = "__debezium_unavailable_value";

    private final Forms fallback;
    private final Map<String, Forms> byConnector;

    private record Forms(String text, String base64) {

        static Forms of(String placeholder) {
            return new Forms(placeholder,
                    Base64.getEncoder().encodeToString(placeholder.getBytes(StandardCharsets.UTF_8)));
        }

        boolean matches(Object value) {
            if (value instanceof List<?> list) {
                return list.size() == 1 && matches(list.get(0));
            }
            return value instanceof String s && (s.equals(text) || s.equals(base64));
        }
    }

    /**
     * @param placeholder  the placeholder of every connector not named in {@code byConnector}
     * @param byConnector  placeholders by connector, named as in the topics ({@code topic.prefix})
     */
    public UnavailableValues(String placeholder, Map<String, String> byConnector) {
        this.fallback = Forms.of(placeholder);
        this.byConnector = byConnector.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Forms.of(e.getValue())));
    }

    /** Debezium's default placeholder for every connector. */
    public static UnavailableValues debeziumDefault() {
        return new UnavailableValues(DEBEZIUM_DEFAULT, Map.of());
    }

    /** The event with its unavailable columns marked: those holding the placeholder after or before the change. */
    public ChangeEvent mark(String connector, ChangeEvent event) {
        Forms forms = byConnector.getOrDefault(connector, fallback);
        Set<String> columns = null;
        columns = collect(event.after(), forms, columns);
        columns = collect(event.before(), forms, columns);
        return columns == null ? event : event.withUnavailable(Set.copyOf(columns));
    }

    private static Set<String> collect(Map<String, Object> row, Forms forms, Set<String> found) {
        if (row == null) {
            return found;
        }
        for (Map.Entry<String, Object> column : row.entrySet()) {
            if (forms.matches(column.getValue())) {
                found = found == null ? new LinkedHashSet<>() : found;
                found.add(column.getKey());
            }
        }
        return found;
    }
}
