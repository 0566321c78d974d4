package io.dqmonitor.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A property's {@code quality} clauses. A library metric that must count no rows ({@code mustBe: 0},
 * {@code mustBeLessThan: 1} or {@code mustBeLessOrEqualTo: 0}, in rows) holds of every change on its own, and becomes
 * that change's rule: {@code nullValues} not-null, {@code missingValues} missing values, {@code invalidValues} allowed
 * values or a pattern. Other thresholds and other kinds of clause are listed as not checked.
 */
final class QualityClauses {

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
        if (!noRowsMayFail()) {
            property.notChecked(where, text, "a threshold other than no rows needs a window, not checked yet");
            return;
        }
        JsonNode arguments = rule.path("arguments");
        switch (metric) {
            case "nullValues" -> property.set("not-null", true, checked(text, "not_null"));
            case "missingValues" -> property.set("missing-values", values(arguments.path("missingValues"),
                    java.util.Arrays.asList(null, "")), checked(text, "missing_values"));
            case "invalidValues" -> invalidValues(arguments, text);
            case "duplicateValues" -> property.notChecked(where, text, "duplicates are of the whole table");
            default -> property.notChecked(where, text, "no rule checks the metric '" + metric + "'");
        }
    }

    private void invalidValues(JsonNode arguments, String text) {
        if (arguments.has("validValues")) {
            // null is no value to allow: it passes allowed-values, and not-null says whether it may be there
            List<Object> valid = new ArrayList<>(values(arguments.path("validValues"), List.of()));
            valid.removeIf(java.util.Objects::isNull);
            property.set("allowed-values", valid, checked(text, "allowed_values"));
        } else if (arguments.has("pattern")) {
            property.set("pattern", arguments.path("pattern").asString(), checked(text, "pattern"));
        } else {
            property.notChecked(where, text, "invalidValues without validValues or pattern says nothing to check");
        }
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
            case "rowCount" -> "a row count is of the whole table; completeness compares counts instead";
            case "duplicateValues" -> "duplicates are of the whole table";
            default -> rule.path("type").asString("library") + " clauses of a whole object are not checked";
        };
    }
}
