package io.dqmonitor.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An object's {@code rowCount} clause as the table's {@code min-rows} and {@code max-rows}, which the completeness
 * check compares with the rows it counts in the source.
 */
final class RowCountClause {

    static final String LABEL = "*:row_count";

    private RowCountClause() {
    }

    /** The bounds the clause sets, or none when it is no row count or bounds nothing a count can keep. */
    static Map<String, Long> bounds(JsonNode rule) {
        Map<String, Long> bounds = new LinkedHashMap<>();
        if (!"rowCount".equals(rule.path("metric").asString(rule.path("rule").asString("")))) {
            return bounds;
        }
        number(rule, "mustBe").ifPresent(n -> {
            bounds.put("min-rows", (long) Math.ceil(n));
            bounds.put("max-rows", (long) Math.floor(n));
        });
        number(rule, "mustBeGreaterThan").ifPresent(n -> bounds.put("min-rows", (long) Math.floor(n) + 1));
        number(rule, "mustBeGreaterOrEqualTo").or(() -> number(rule, "mustBeGreaterThanOrEqualTo"))
                .ifPresent(n -> bounds.put("min-rows", (long) Math.ceil(n)));
        number(rule, "mustBeLessThan").ifPresent(n -> bounds.put("max-rows", (long) Math.ceil(n) - 1));
        number(rule, "mustBeLessOrEqualTo").or(() -> number(rule, "mustBeLessThanOrEqualTo"))
                .ifPresent(n -> bounds.put("max-rows", (long) Math.floor(n)));
        JsonNode between = rule.path("mustBeBetween");
        if (between.isArray() && between.size() == 2 && between.get(0).isNumber() && between.get(1).isNumber()) {
            bounds.put("min-rows", (long) Math.ceil(between.get(0).asDouble()));
            bounds.put("max-rows", (long) Math.floor(between.get(1).asDouble()));
        }
        // a count is never negative: a bound below zero says nothing
        bounds.replaceAll((key, value) -> Math.max(0, value));
        return bounds;
    }

    private static java.util.Optional<Double> number(JsonNode rule, String operator) {
        return rule.path(operator).isNumber() ? java.util.Optional.of(rule.path(operator).asDouble())
                : java.util.Optional.empty();
    }
}
