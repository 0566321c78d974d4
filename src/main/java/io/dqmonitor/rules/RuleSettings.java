package io.dqmonitor.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The settings of one column that belong to one rule factory, with the configuration path for error messages. */
public final class RuleSettings {

    private final String path;
    private final Map<String, Object> values;

    public RuleSettings(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Set<String> keys() {
        return values.keySet();
    }

    String path(String key) {
        return path + "." + key;
    }

    boolean bool(String key) {
        String text = scalar(key).trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new InvalidRulesException(path(key), "expected true or false but got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    BigDecimal decimal(String key) {
        String text = scalar(key).trim();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidRulesException(path(key), "expected a number but got '" + text + "'");
        }
    }

    int positiveInt(String key) {
        String text = scalar(key).trim();
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, as a value out of range is
        }
        throw new InvalidRulesException(path(key), "expected a whole number above 0 but got '" + text + "'");
    }

    String text(String key) {
        return scalar(key);
    }

    int nonNegativeInt(String key) {
        String text = scalar(key);
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRulesException(path(key), "expected a whole number of at least 0 but got '" + text + "'");
    }

    /** A non-empty list of plain values, nulls kept (YAML's {@code null} and {@code ~}). */
    List<Object> list(String key) {
        Object value = values.get(key);
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidRulesException(path(key), "expected a non-empty list of values");
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> || item instanceof List<?>) {
                throw new InvalidRulesException(path(key), "expected a list of plain values");
            }
        }
        return java.util.Collections.unmodifiableList(list);
    }

    List<String> textList(String key) {
        Object value = values.get(key);
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidRulesException(path(key), "expected a non-empty list of values");
        }
        return list.stream().map(item -> {
            if (item instanceof Map<?, ?> || item instanceof List<?>) {
                throw new InvalidRulesException(path(key), "expected a list of plain values");
            }
            return Values.text(item);
        }).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object value = values.get(key);
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new InvalidRulesException(path(key), "expected a map such as {pending: [paid, cancelled]}");
        }
        return (Map<String, Object>) map;
    }

    private String scalar(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new InvalidRulesException(path(key), "expected a single value");
        }
        return value.toString();
    }
}
