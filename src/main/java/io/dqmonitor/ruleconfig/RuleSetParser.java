package io.dqmonitor.ruleconfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.RuleFactory;
import io.dqmonitor.rules.RuleSettings;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.rules.Values;
import org.springframework.boot.convert.DurationStyle;

/** Turns the rule tree of each table into {@link TableRules}, failing with the offending key on any mistake. */
final class RuleSetParser {

    private final Map<String, RuleFactory> factoriesByKey = new LinkedHashMap<>();

    RuleSetParser(List<RuleFactory> factories) {
        for (RuleFactory factory : factories) {
            for (String key : factory.keys()) {
                if (factoriesByKey.putIfAbsent(key, factory) != null) {
                    throw new IllegalStateException("two rule factories claim the key '" + key + "'");
                }
            }
        }
    }

    Map<String, TableRules> parse(Map<String, Map<String, Object>> tree) {
        Map<String, TableRules> tables = new LinkedHashMap<>();
        tree.forEach((table, spec) -> tables.put(table, table(table, spec)));
        return Map.copyOf(tables);
    }

    private TableRules table(String table, Map<String, Object> spec) {
        String path = "dq.tables." + table;
        return new TableRules(table, freshness(path + ".freshness", spec.get("freshness")),
                columns(path + ".columns", spec.get("columns")), conditionals(path + ".when", spec.get("when")),
                positive(path + ".max-deletes-per-minute", spec.get("max-deletes-per-minute")),
                positive(path + ".max-rows-per-transaction", spec.get("max-rows-per-transaction")));
    }

    private static Integer positive(String path, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            int limit = Integer.parseInt(value.toString().trim());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRulesException(path, "expected a whole number of at least 1 but got '" + value + "'");
    }

    private static Duration freshness(String path, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            Duration duration = DurationStyle.detectAndParse(value.toString().trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidRulesException(path, "must be a positive duration such as 5m");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new InvalidRulesException(path, "'" + value + "' is not a duration (use e.g. 30s, 5m, 1h)");
        }
    }

    private List<TableRules.ColumnCheck> columns(String path, Object value) {
        List<TableRules.ColumnCheck> checks = new ArrayList<>();
        asMap(path, value).forEach((column, rules) -> checks.addAll(column(path + "." + column, column, rules)));
        return List.copyOf(checks);
    }

    private List<TableRules.ColumnCheck> column(String path, String column, Object value) {
        Map<RuleFactory, Map<String, Object>> byFactory = new LinkedHashMap<>();
        asMap(path, value).forEach((key, setting) -> {
            RuleFactory factory = factoriesByKey.get(key);
            if (factory == null) {
                throw new InvalidRulesException(path + "." + key,
                        "unknown rule '" + key + "'; known rules are " + new TreeSet<>(factoriesByKey.keySet()));
            }
            byFactory.computeIfAbsent(factory, f -> new LinkedHashMap<>()).put(key, setting);
        });
        List<TableRules.ColumnCheck> checks = new ArrayList<>();
        byFactory.forEach((factory, settings) -> factory.create(new RuleSettings(path, settings))
                .ifPresent(rule -> checks.add(new TableRules.ColumnCheck(column, rule))));
        return checks;
    }

    private List<TableRules.Conditional> conditionals(String path, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> blocks)) {
            throw new InvalidRulesException(path, "expected a list of {if: {...}, columns: {...}} blocks");
        }
        List<TableRules.Conditional> conditionals = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String blockPath = path + "[" + i + "]";
            Map<String, Object> block = asMap(blockPath, blocks.get(i));
            block.keySet().stream().filter(k -> !k.equals("if") && !k.equals("columns")).findFirst().ifPresent(k -> {
                throw new InvalidRulesException(blockPath + "." + k, "unknown setting; a when block has 'if' and 'columns'");
            });
            Map<String, String> when = new LinkedHashMap<>();
            asMap(blockPath + ".if", block.get("if")).forEach((column, expected) -> when.put(column, Values.text(expected)));
            if (when.isEmpty()) {
                throw new InvalidRulesException(blockPath + ".if", "a when block needs at least one column value");
            }
            conditionals.add(new TableRules.Conditional(Map.copyOf(when), columns(blockPath + ".columns", block.get("columns"))));
        }
        return List.copyOf(conditionals);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String path, Object value) {
        if (value == null || "".equals(value)) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidRulesException(path, "expected a map of settings but got '" + value + "'");
        }
        return (Map<String, Object>) value;
    }
}
