package io.dqmonitor.ruleconfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dqmonitor.rules.AnomalyRules;
import io.dqmonitor.rules.InvalidRulesException;

/** Reads a table's {@code anomaly:} block; every mistake names its key. */
final class AnomalyRulesParser {

    private static final Set<String> KEYS = Set.of("enabled", "signals", "columns", "sensitivity", "seasonality",
            "direction", "min-change", "min-relative-change", "warm-up");

    private AnomalyRulesParser() {
    }

    static AnomalyRules parse(String path, Object value) {
        if (value instanceof Boolean || "false".equals(value) || "true".equals(value)) {
            return Boolean.parseBoolean(value.toString()) ? AnomalyRules.DEFAULTS : disabled();
        }
        Map<String, Object> spec = RuleValues.asMap(path, value);
        spec.keySet().stream().filter(key -> !KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw new InvalidRulesException(path + "." + key, "unknown setting; known settings are "
                    + KEYS.stream().sorted().toList());
        });
        AnomalyRules d = AnomalyRules.DEFAULTS;
        Object enabled = spec.get("enabled");
        Duration warmUp = RuleValues.duration(path + ".warm-up", spec.get("warm-up"));
        return new AnomalyRules(enabled == null || Boolean.parseBoolean(enabled.toString()),
                signals(path + ".signals", spec.get("signals")), names(path + ".columns", spec.get("columns")),
                number(path + ".sensitivity", spec.get("sensitivity"), d.sensitivity(), 0, 1, false),
                choice(path + ".seasonality", spec.get("seasonality"), AnomalyRules.Seasonality.class, d.seasonality()),
                choice(path + ".direction", spec.get("direction"), AnomalyRules.Direction.class, null),
                number(path + ".min-change", spec.get("min-change"), 0, 0, Double.MAX_VALUE, true),
                number(path + ".min-relative-change", spec.get("min-relative-change"), 0, 0, Double.MAX_VALUE, true),
                warmUp == null ? d.warmUp() : warmUp);
    }

    private static AnomalyRules disabled() {
        AnomalyRules d = AnomalyRules.DEFAULTS;
        return new AnomalyRules(false, d.signals(), d.columns(), d.sensitivity(), d.seasonality(), d.direction(),
                d.minChange(), d.minRelativeChange(), d.warmUp());
    }

    private static Set<String> signals(String path, Object value) {
        if (value == null) {
            return AnomalyRules.KINDS;
        }
        Set<String> signals = new LinkedHashSet<>();
        for (String signal : names(path, value)) {
            if (!AnomalyRules.KINDS.contains(signal)) {
                throw new InvalidRulesException(path, "unknown signal '" + signal + "'; known signals are "
                        + AnomalyRules.KINDS.stream().sorted().toList());
            }
            signals.add(signal);
        }
        return Set.copyOf(signals);
    }

    private static List<String> names(String path, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidRulesException(path, "expected a list such as [a, b] but got '" + value + "'");
        }
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.toString().trim()));
        return List.copyOf(names);
    }

    private static double number(String path, Object value, double fallback, double min, double max,
            boolean minInclusive) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.toString().trim());
            if ((minInclusive ? number >= min : number > min) && number < max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRulesException(path, "expected a number " + (minInclusive ? "of at least " : "above ") + min
                + (max < Double.MAX_VALUE ? " and below " + max : "") + " but got '" + value + "'");
    }

    private static <E extends Enum<E>> E choice(String path, Object value, Class<E> type, E fallback) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRulesException(path, "unknown value '" + value + "'; use one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
