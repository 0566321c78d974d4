package io.dqmonitor.ruleconfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.dqmonitor.expressions.CelExpressions;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.privacy.PrivacyProperties;
import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.RuleFactory;
import io.dqmonitor.rules.RuleSettings;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.rules.Values;

/** Turns the rule tree of each table into {@link TableRules}, failing with the offending key on any mistake. */
final class RuleSetParser {

    /** The column key that declares a column personal; not a rule, and only in a table's {@code columns}. */
    static final String PII = "pii";

    private final Map<String, RuleFactory> factoriesByKey = new LinkedHashMap<>();
    private final boolean hashKeySet;
    private final CelExpressions expressions;

    /** {@code hashKeySet}: whether {@code dq.privacy.hash-key} is set, without which {@code pii: hash} is refused. */
    RuleSetParser(List<RuleFactory> factories, boolean hashKeySet, CelExpressions expressions) {
        this.hashKeySet = hashKeySet;
        this.expressions = expressions;
        for (RuleFactory factory : factories) {
            for (String key : factory.keys()) {
                if (factoriesByKey.putIfAbsent(key, factory) != null) {
                    throw new IllegalStateException("two rule factories claim the key '" + key + "'");
                }
            }
        }
    }

    /**
     * The tables of {@code tree}; {@code clauses} names the contract clause a setting came from, by
     * {@code table/columns/column/key}, or gives null for a native one.
     */
    Map<String, TableRules> parse(Map<String, Map<String, Object>> tree, Function<String, String> clauses) {
        Map<String, TableRules> tables = new LinkedHashMap<>();
        tree.forEach((table, spec) -> tables.put(table, table(table, spec, clauses)));
        return Map.copyOf(tables);
    }

    private TableRules table(String table, Map<String, Object> spec, Function<String, String> clauses) {
        String path = "dq.tables." + table;
        List<TableRules.ColumnCheck> checks = new ArrayList<>(columns(path + ".columns",
                byPath(path + ".columns", spec.get("columns")), new ColumnOwner(table, clauses)));
        checks.addAll(ExpressionsParser.parse(expressions, path + ".expressions", spec.get("expressions"),
                name -> clauses.apply(table + "/expressions/" + name)));
        return new TableRules(table, RuleValues.duration(path + ".freshness", spec.get("freshness")),
                List.copyOf(checks),
                conditionals(path + ".when", spec.get("when")),
                RuleValues.positive(path + ".max-deletes-per-minute", spec.get("max-deletes-per-minute")),
                RuleValues.positive(path + ".max-rows-per-transaction", spec.get("max-rows-per-transaction")),
                personal(path + ".columns", byPath(path + ".columns", spec.get("columns"))),
                AnomalyRulesParser.parse(path + ".anomaly", spec.get("anomaly")),
                ThresholdsParser.parse(path + ".thresholds", spec.get("thresholds"), factoriesByKey::get,
                        name -> clauses.apply(table + "/thresholds/" + name)),
                rowBounds(path, spec, table, clauses));
    }

    private static TableRules.RowBounds rowBounds(String path, Map<String, Object> spec, String table,
            Function<String, String> clauses) {
        Long min = RuleValues.from(clauses.apply(table + "/min-rows"),
                () -> RuleValues.count(path + ".min-rows", spec.get("min-rows")));
        Long max = RuleValues.from(clauses.apply(table + "/max-rows"),
                () -> RuleValues.count(path + ".max-rows", spec.get("max-rows")));
        if (min != null && max != null && min > max) {
            throw new InvalidRulesException(path + ".min-rows", "is more than max-rows (" + min + " > " + max + ")");
        }
        return new TableRules.RowBounds(min, max);
    }

    private Map<String, PiiMode> personal(String path, Object columns) {
        Map<String, PiiMode> personal = new LinkedHashMap<>();
        RuleValues.asMap(path, columns).forEach((column, settings) -> {
            Object declared = RuleValues.asMap(path + "." + column, settings).get(PII);
            if (declared != null) {
                personal.put(column, piiMode(path + "." + column + "." + PII, declared));
            }
        });
        return Collections.unmodifiableMap(personal);
    }

    private PiiMode piiMode(String path, Object value) {
        PiiMode mode = PiiMode.fromLabel(value.toString().trim()).orElseThrow(() -> new InvalidRulesException(path,
                "unknown masking '" + value + "'; use one of " + Arrays.stream(PiiMode.values()).map(PiiMode::label).toList()));
        if (mode == PiiMode.HASH && !hashKeySet) {
            throw new InvalidRulesException(path, "'hash' needs a secret key: set dq.privacy.hash-key (at least "
                    + PrivacyProperties.MIN_KEY_LENGTH + " characters, e.g. from the environment as DQ_PRIVACY_HASH_KEY)");
        }
        return mode;
    }

    /**
     * Column settings by column path. Documents have nested fields, and YAML reads {@code address.city:} as
     * {@code address: {city: ...}}: a key that is no rule and holds settings names a field inside the column.
     */
    private Map<String, Object> byPath(String path, Object columns) {
        Map<String, Object> byPath = new LinkedHashMap<>();
        RuleValues.asMap(path, columns).forEach((column, settings) -> addColumn(byPath, path, column, settings));
        return byPath;
    }

    private void addColumn(Map<String, Object> byPath, String path, String column, Object settings) {
        Map<String, Object> own = new LinkedHashMap<>();
        boolean nested = false;
        for (Map.Entry<String, Object> setting : RuleValues.asMap(path + "." + column, settings).entrySet()) {
            if (!PII.equals(setting.getKey()) && !factoriesByKey.containsKey(setting.getKey())
                    && setting.getValue() instanceof Map<?, ?>) {
                addColumn(byPath, path, column + "." + setting.getKey(), setting.getValue());
                nested = true;
            } else {
                own.put(setting.getKey(), setting.getValue());
            }
        }
        if (!own.isEmpty() || !nested) {
            byPath.put(column, own);
        }
    }

    /** A when block's {@code if}: nested maps are nested fields, {@code address: {city: Oslo}} is address.city. */
    private static void flatten(String path, String prefix, Object value, Map<String, String> when) {
        RuleValues.asMap(path, value).forEach((column, expected) -> {
            if (expected instanceof Map<?, ?>) {
                flatten(path + "." + column, prefix + column + ".", expected, when);
            } else {
                when.put(prefix + column, Values.text(expected));
            }
        });
    }

    /** A table's own columns, where {@code pii} belongs, or a when block's: as {@code owner} says. */
    private List<TableRules.ColumnCheck> columns(String path, Object value, ColumnOwner owner) {
        List<TableRules.ColumnCheck> checks = new ArrayList<>();
        RuleValues.asMap(path, value).forEach((column, rules) -> checks.addAll(column(path + "." + column, column, rules, owner)));
        return List.copyOf(checks);
    }

    private List<TableRules.ColumnCheck> column(String path, String column, Object value, ColumnOwner owner) {
        Map<RuleFactory, Map<String, Object>> byFactory = new LinkedHashMap<>();
        RuleValues.asMap(path, value).forEach((key, setting) -> {
            if (PII.equals(key)) {
                if (!owner.isTable()) {
                    throw new InvalidRulesException(path + "." + key, "a column is personal for every row: declare "
                            + "pii in the table's columns, not in a when block");
                }
                return;
            }
            RuleFactory factory = factoriesByKey.get(key);
            if (factory == null) {
                Set<String> known = new TreeSet<>(factoriesByKey.keySet());
                known.add(PII);
                throw new InvalidRulesException(path + "." + key,
                        "unknown rule '" + key + "'; known rules are " + known);
            }
            byFactory.computeIfAbsent(factory, f -> new LinkedHashMap<>()).put(key, setting);
        });
        List<TableRules.ColumnCheck> checks = new ArrayList<>();
        byFactory.forEach((factory, settings) -> {
            String clause = owner.clauseOf(column, settings.keySet());
            RuleValues.from(clause, () -> factory.create(new RuleSettings(path, settings)))
                    .ifPresent(rule -> checks.add(new TableRules.ColumnCheck(column, rule, clause)));
        });
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
            Map<String, Object> block = RuleValues.asMap(blockPath, blocks.get(i));
            block.keySet().stream().filter(k -> !k.equals("if") && !k.equals("columns")).findFirst().ifPresent(k -> {
                throw new InvalidRulesException(blockPath + "." + k, "unknown setting; a when block has 'if' and 'columns'");
            });
            Map<String, String> when = new LinkedHashMap<>();
            flatten(blockPath + ".if", "", block.get("if"), when);
            if (when.isEmpty()) {
                throw new InvalidRulesException(blockPath + ".if", "a when block needs at least one column value");
            }
            conditionals.add(new TableRules.Conditional(Map.copyOf(when),
                    columns(blockPath + ".columns", byPath(blockPath + ".columns", block.get("columns")), ColumnOwner.WHEN_BLOCK)));
        }
        return List.copyOf(conditionals);
    }

}
