package io.dqmonitor.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dqmonitor.rules.Threshold;
import tools.jackson.databind.JsonNode;

/**
 * A property's {@code quality} clauses. A library metric that must count no rows ({@code mustBe: 0},
 * {@code mustBeLessThan: 1} or {@code mustBeLessOrEqualTo: 0}, in rows) holds of every change on its own, and becomes
 * that change's rule: {@code nullValues} not-null, {@code missingValues} missing values, {@code invalidValues} allowed
 * values or a pattern. A higher upper bound, in rows or percent, becomes a threshold of the same rule, counted per
 * window. Other bounds and other kinds of clause are listed as not checked.
 */
final class QualityClauses {

    /** The label each per-change rule reports as. */
    private static final Map<String, String> LABELS = Map.of("not-null", "not_null", "missing-values",
            "missing_values", "allowed-values", "allowed_values", "pattern", "pattern");

    /** The {@code customProperties} of a clause that set its threshold's window, as its settings. */
    static final Map<String, String> WINDOW_PROPERTIES = Map.of("dqMonitorWindow", "window",
            "dqMonitorMinChanges", "min-changes");

    private static final Set<String> OPERATORS = Set.of("mustBe", "mustNotBe", "mustBeGreaterThan",
            "mustBeGreaterOrEqualTo", "mustBeGreaterThanOrEqualTo", "mustBeLessThan", "mustBeLessOrEqualTo",
            "mustBeLessThanOrEqualTo", "mustBeBetween", "mustNotBeBetween");

    private final PropertyClauses property;
    private final String where;
    private final JsonNode rule;

    QualityClauses(PropertyClauses property, String where, JsonNode rule) {
        this.property = property;
        this.where = where;
        this.rule = rule;
    }

    void map() {
        String text = describe(rule);
        String type = rule.path("type").asString("library");
        if (!type.equals("library")) {
            property.notChecked(where, text, type + " clauses are not run by dq-monitor");
            return;
        }
        String metric = rule.path("metric").asString(rule.path("rule").asString(""));
        if (metric.equals("duplicateValues")) {
            property.notChecked(where, text, "duplicates are of the whole table");
            return;
        }
        Map<String, Object> check = check(metric, rule.path("arguments"));
        if (check == null) {
            property.notChecked(where, text, metric.equals("invalidValues")
                    ? "invalidValues without validValues or pattern says nothing to check"
                    : "no rule checks the metric '" + metric + "'");
        } else if (noRowsMayFail()) {
            Map.Entry<String, Object> only = check.entrySet().iterator().next();
            property.set(only.getKey(), only.getValue(), checked(text, LABELS.get(only.getKey())));
        } else {
            threshold(metric, check, text);
        }
    }

    /** The rule a failing value breaks, as its one setting, or null when the metric names none. */
    private static Map<String, Object> check(String metric, JsonNode arguments) {
        return switch (metric) {
            case "nullValues" -> Map.of("not-null", true);
            case "missingValues" -> Map.of("missing-values", values(arguments.path("missingValues"),
                    java.util.Arrays.asList(null, "")));
            case "invalidValues" -> {
                if (arguments.has("validValues")) {
                    // null is no value to allow: it passes allowed-values, and not-null says whether it may be there
                    List<Object> valid = new ArrayList<>(values(arguments.path("validValues"), List.of()));
                    valid.removeIf(java.util.Objects::isNull);
                    yield Map.of("allowed-values", valid);
                }
                yield arguments.has("pattern") ? Map.of("pattern", arguments.path("pattern").asString()) : null;
            }
            default -> null;
        };
    }

    /**
     * A bound above zero: the rule's failures counted per window ({@link Threshold}), in rows or in percent of the
     * window's values. Only upper bounds say when data got worse; others are listed as not checked.
     */
    private void threshold(String metric, Map<String, Object> check, String text) {
        boolean percent = rule.path("unit").asString("rows").equals("percent");
        String strict = first("mustBeLessThan");
        String loose = strict == null ? first("mustBeLessOrEqualTo", "mustBeLessThanOrEqualTo") : null;
        if (strict == null && loose == null) {
            property.notChecked(where, text, "only an upper bound on failing values is checked");
            return;
        }
        double bound = rule.path(strict != null ? strict : loose).asDouble();
        Map<String, Object> threshold = new java.util.LinkedHashMap<>();
        String name = thresholdName(PropertyClauses.id(rule) != null ? PropertyClauses.id(rule)
                : property.column() + ":" + metric);
        threshold.put("name", name);
        threshold.put("column", property.column());
        threshold.put("rule", check);
        if (percent) {
            threshold.put(strict != null ? "below-percent" : "max-percent", bound);
        } else {
            // fewer than 5 rows is at most 4; at most 4.5 rows is at most 4
            threshold.put("max-count", (long) (strict != null ? Math.ceil(bound) - 1 : Math.floor(bound)));
        }
        for (JsonNode custom : rule.path("customProperties")) {
            String key = WINDOW_PROPERTIES.get(custom.path("property").asString(""));
            if (key != null) {
                threshold.put(key, custom.path("value").asString(custom.path("value").toString()));
            }
        }
        property.threshold(name, threshold, checked(text, Threshold.RULE));
    }

    /** A clause's id or place as a threshold's name, which is bounded like a column's. */
    private static String thresholdName(String text) {
        String name = text.replaceAll("[^A-Za-z0-9_.:-]", "_");
        name = Character.isLetter(name.charAt(0)) || name.charAt(0) == '_' ? name : "_" + name;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private String first(String... operators) {
        for (String operator : operators) {
            if (rule.path(operator).isNumber()) {
                return operator;
            }
        }
        return null;
    }

    private ContractMapper.Checked checked(String text, String label) {
        return new ContractMapper.Checked(where, text, label, PropertyClauses.id(rule));
    }

    /** True when the clause allows no failing row at all: each change can then be checked on its own. */
    private boolean noRowsMayFail() {
        if (isZero("mustBe") || isZero("mustBeLessOrEqualTo") || isZero("mustBeLessThanOrEqualTo")) {
            return true;
        }
        JsonNode lessThan = rule.path("mustBeLessThan");
        boolean rows = rule.path("unit").asString("rows").equals("rows");
        return rows && lessThan.isNumber() && lessThan.asDouble() > 0 && lessThan.asDouble() <= 1;
    }

    private boolean isZero(String operator) {
        return rule.path(operator).isNumber() && rule.path(operator).asDouble() == 0;
    }

    /** The list's values as text, or {@code fallback} when it is absent; YAML's null as the rule reads it. */
    private static List<Object> values(JsonNode list, List<Object> fallback) {
        if (!list.isArray()) {
            return fallback;
        }
        List<Object> values = new ArrayList<>();
        list.forEach(value -> values.add(value.isNull() ? null : value.asString(value.toString())));
        return values;
    }

    /** Like {@code nullValues mustBe 0} or {@code invalidValues mustBeLessThan 5 percent}. */
    static String describe(JsonNode rule) {
        StringBuilder text = new StringBuilder(rule.path("metric").asString(rule.path("type").asString("clause")));
        for (String operator : OPERATORS) {
            if (rule.has(operator)) {
                text.append(' ').append(operator).append(' ').append(rule.path(operator).toString());
            }
        }
        if (rule.has("unit")) {
            text.append(' ').append(rule.path("unit").asString());
        }
        return text.toString();
    }

    /** Why an object-level clause is not checked on a stream of changes. */
    static String tableLevelWhy(JsonNode rule) {
        String metric = rule.path("metric").asString("");
        return switch (metric) {
            case "rowCount" -> "a row count is checked on mustBe, upper and lower bounds and mustBeBetween only";
            case "duplicateValues" -> "duplicates are of the whole table";
            default -> rule.path("type").asString("library") + " clauses of a whole object are not checked";
        };
    }
}
