package io.dqmonitor.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.dqmonitor.rules.InvalidRulesException;
import org.springframework.boot.convert.DurationStyle;

/**
 * Adds the rules of one source to those of another, table by table and column by column: they add up, and the same
 * setting given two different values is a conflict that names both places.
 */
public final class RuleTrees {

    private RuleTrees() {
    }

    /**
     * {@code base} with {@code added}'s settings; {@code baseOrigin} and {@code addedOrigin} name the place of a
     * setting given as {@code table/columns/column/key} or {@code table/key}.
     */
    public static Map<String, Map<String, Object>> merge(Map<String, Map<String, Object>> base,
            Function<String, String> baseOrigin, Map<String, Map<String, Object>> added,
            Function<String, String> addedOrigin) {
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        base.forEach((table, settings) -> merged.put(table, copy(settings)));
        added.forEach((table, settings) -> {
            Map<String, Object> target = merged.computeIfAbsent(table, t -> new LinkedHashMap<>());
            settings.forEach((key, value) -> {
                if (("expressions".equals(key) || "thresholds".equals(key)) && value instanceof List<?> expressions) {
                    // expressions and thresholds add up; their names must still differ, which their parsers check
                    List<Object> all = new ArrayList<>(target.get(key) instanceof List<?> own ? own : List.of());
                    all.addAll(expressions);
                    target.put(key, all);
                } else if ("columns".equals(key) && value instanceof Map<?, ?> columns) {
                    Map<String, Object> targetColumns = child(target, "columns");
                    columns.forEach((column, rules) -> ((Map<?, ?>) rules).forEach((rule, setting) -> put(
                            child(targetColumns, (String) column), (String) rule, setting,
                            table + "/columns/" + column + "/" + rule, baseOrigin, addedOrigin)));
                } else {
                    put(target, key, value, table + "/" + key, baseOrigin, addedOrigin);
                }
            });
        });
        return merged;
    }

    private static void put(Map<String, Object> target, String key, Object value, String path,
            Function<String, String> baseOrigin, Function<String, String> addedOrigin) {
        Object earlier = target.putIfAbsent(key, value);
        if (earlier != null && !same(earlier, value)) {
            throw new InvalidRulesException(addedOrigin.apply(path), "'" + key + ": " + value + "' conflicts with '"
                    + key + ": " + earlier + "' of " + baseOrigin.apply(path));
        }
    }

    /** The same setting however written: {@code 0} and {@code 0.0}, {@code 5m} and {@code 300s}. */
    private static boolean same(Object a, Object b) {
        String left = String.valueOf(a).trim();
        String right = String.valueOf(b).trim();
        if (left.equals(right)) {
            return true;
        }
        try {
            return new BigDecimal(left).compareTo(new BigDecimal(right)) == 0;
        } catch (NumberFormatException notNumbers) {
            try {
                return DurationStyle.detectAndParse(left).equals(DurationStyle.detectAndParse(right));
            } catch (IllegalArgumentException notDurations) {
                return false;
            }
        }
    }

    /** The map under {@code key}, made when there is none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        if (!(child instanceof Map<?, ?>)) {
            child = new LinkedHashMap<String, Object>();
            parent.put(key, child);
        }
        return (Map<String, Object>) child;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> settings) {
        Map<String, Object> copy = new LinkedHashMap<>();
        settings.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map
                ? copy((Map<String, Object>) map) : value));
        return copy;
    }
}
