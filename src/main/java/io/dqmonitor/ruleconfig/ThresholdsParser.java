package io.dqmonitor.ruleconfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.dqmonitor.rules.ColumnRule;
import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.RuleFactory;
import io.dqmonitor.rules.RuleSettings;
import io.dqmonitor.rules.Threshold;

/**
 * A table's {@code thresholds}: a list of {@code {name, column, rule, max-count | max-percent | below-percent, window,
 * min-changes}}. The {@code rule} is one column rule that checks a value ({@code not-null: true},
 * {@code allowed-values: [...]}, ...): its failures are counted per window instead of reported one by one.
 */
final class ThresholdsParser {

    private static final Set<String> KEYS = Set.of("name", "column", "rule", "max-count", "max-percent",
            "below-percent", "window", "min-changes");
    private static final Set<String> BOUNDS = Set.of("max-count", "max-percent", "below-percent");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,62}");
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final int DEFAULT_MIN_CHANGES = 100;

    private ThresholdsParser() {
    }

    /** {@code clauses} gives a threshold's contract clause by its name, or null for a native one. */
    static List<Threshold> parse(String path, Object value, Function<String, RuleFactory> factories,
            Function<String, String> clauses) {
        if (value == null || "".equals(value)) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidRulesException(path, "expected a list of {name, column, rule, ...} but got '" + value + "'");
        }
        List<Threshold> thresholds = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            Map<String, Object> item = RuleValues.asMap(at, list.get(i));
            item.keySet().stream().filter(key -> !KEYS.contains(key)).findFirst().ifPresent(key -> {
                throw new InvalidRulesException(at + "." + key, "unknown setting; a threshold has " + KEYS);
            });
            String name = required(at + ".name", item.get("name"));
            if (!NAME.matcher(name).matches() || !names.add(name)) {
                throw new InvalidRulesException(at + ".name", "'" + name + "' is taken or not a name: up to 63 "
                        + "letters, digits, '_', '.', ':' or '-', starting with a letter or '_'");
            }
            String clause = clauses.apply(name);
            thresholds.add(RuleValues.from(clause, () -> threshold(at, name, item, factories, clause)));
        }
        return List.copyOf(thresholds);
    }

    private static Threshold threshold(String at, String name, Map<String, Object> item,
            Function<String, RuleFactory> factories, String clause) {
        List<String> bounds = item.keySet().stream().filter(BOUNDS::contains).toList();
        if (bounds.size() != 1) {
            throw new InvalidRulesException(at, "give exactly one of " + BOUNDS + ", not " + bounds);
        }
        String bound = bounds.get(0);
        boolean percentage = !bound.equals("max-count");
        if (!percentage && item.containsKey("min-changes")) {
            throw new InvalidRulesException(at + ".min-changes", "applies to a percentage, not to max-count");
        }
        Duration window = Optional.ofNullable(RuleValues.duration(at + ".window", item.get("window")))
                .orElse(DEFAULT_WINDOW);
        if (window.toSeconds() < 1 || window.toNanos() % 1_000_000_000L != 0) {
            throw new InvalidRulesException(at + ".window", "must be a whole number of seconds, such as 10m or 1h");
        }
        Integer minChanges = RuleValues.positive(at + ".min-changes", item.get("min-changes"));
        return new Threshold(name, required(at + ".column", item.get("column")),
                rule(at + ".rule", item.get("rule"), factories),
                percentage ? null : count(at + "." + bound, item.get(bound)),
                percentage ? percent(at + "." + bound, item.get(bound), bound.equals("max-percent")) : null,
                bound.equals("max-percent"), window, minChanges == null ? DEFAULT_MIN_CHANGES : minChanges, clause);
    }

    private static ColumnRule.ValueRule rule(String path, Object value, Function<String, RuleFactory> factories) {
        Map<String, Object> settings = RuleValues.asMap(path, value);
        RuleFactory factory = null;
        for (String key : settings.keySet()) {
            RuleFactory own = factories.apply(key);
            if (own == null) {
                throw new InvalidRulesException(path + "." + key, "unknown rule '" + key + "'");
            }
            if (factory != null && factory != own) {
                throw new InvalidRulesException(path, "a threshold counts the failures of one rule, not of "
                        + settings.keySet());
            }
            factory = own;
        }
        if (factory == null) {
            throw new InvalidRulesException(path, "is required: the rule whose failures are counted, e.g. "
                    + "{not-null: true}");
        }
        Optional<ColumnRule> rule = factory.create(new RuleSettings(path, settings));
        if (rule.isEmpty() || !(rule.get() instanceof ColumnRule.ValueRule valueRule)) {
            throw new InvalidRulesException(path, "must be a rule on a value, such as not-null, allowed-values, "
                    + "pattern or missing-values");
        }
        return valueRule;
    }

    private static int count(String path, Object value) {
        long count = RuleValues.count(path, required(path, value));
        if (count > Integer.MAX_VALUE) {
            throw new InvalidRulesException(path, "expected at most " + Integer.MAX_VALUE + " but got " + count);
        }
        return (int) count;
    }

    private static double percent(String path, Object value, boolean inclusive) {
        try {
            double percent = Double.parseDouble(required(path, value).trim());
            if ((inclusive ? percent >= 0 : percent > 0) && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRulesException(path, "expected a percentage " + (inclusive ? "from 0" : "above 0")
                + " to 100 but got '" + value + "'");
    }

    private static String required(String path, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new InvalidRulesException(path, "is required");
        }
        return value.toString();
    }
}
