package io.dqmonitor.ruleconfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.dqmonitor.expressions.CelExpressions;
import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.TableRules;

/**
 * A table's {@code expressions}: a list of {@code {name, expr, when}}, each compiled once. The name is the column label
 * of its violations, so it is bounded like a column name and unique in its table.
 */
final class ExpressionsParser {

    private static final Set<String> KEYS = Set.of("name", "expr", "when");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");

    private ExpressionsParser() {
    }

    /** {@code clauses} gives an expression's contract clause by its name, or null for a native one. */
    static List<TableRules.ColumnCheck> parse(CelExpressions expressions, String path, Object value,
            java.util.function.Function<String, String> clauses) {
        if (value == null || "".equals(value)) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidRulesException(path, "expected a list of {name, expr, when} but got '" + value + "'");
        }
        List<TableRules.ColumnCheck> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Map<String, Object> item = RuleValues.asMap(itemPath, list.get(i));
            item.keySet().stream().filter(key -> !KEYS.contains(key)).findFirst().ifPresent(key -> {
                throw new InvalidRulesException(itemPath + "." + key, "unknown setting; an expression has " + KEYS);
            });
            String name = text(itemPath + ".name", item.get("name"));
            if (!NAME.matcher(name).matches()) {
                throw new InvalidRulesException(itemPath + ".name", "'" + name + "' is not a name: up to 63 letters, "
                        + "digits, '_', '.' or '-', starting with a letter or '_'");
            }
            if (!names.add(name)) {
                throw new InvalidRulesException(itemPath + ".name", "another expression of this table is named '"
                        + name + "'");
            }
            Object when = item.get("when");
            String clause = clauses.apply(name);
            checks.add(new TableRules.ColumnCheck(name, RuleValues.from(clause, () -> expressions.compile(itemPath,
                    text(itemPath + ".expr", item.get("expr")),
                    when == null || when.toString().isBlank() ? null : when.toString())), clause));
        }
        return checks;
    }

    private static String text(String path, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new InvalidRulesException(path, "is required");
        }
        return value.toString();
    }
}
