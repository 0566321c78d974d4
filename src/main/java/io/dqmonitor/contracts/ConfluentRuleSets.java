package io.dqmonitor.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A Confluent data contract's rule set, for one table: each {@code domainRules} entry of kind {@code CONDITION} and
 * type {@code CEL} becomes one of the table's CEL expressions ({@code message} is the after image, as Confluent's
 * serializers bind the record); every other rule is listed as not checked. The file holds the rule set itself, or a
 * schema as the registry stores it, with its {@code ruleSet}.
 */
final class ConfluentRuleSets {

    private ConfluentRuleSets() {
    }

    static ContractRules map(String table, String file, JsonNode document) {
        JsonNode ruleSet = document.has("ruleSet") ? document.path("ruleSet") : document;
        List<Object> expressions = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<Clause> clauses = new ArrayList<>();
        JsonNode domain = ruleSet.path("domainRules");
        for (int i = 0; i < domain.size(); i++) {
            JsonNode rule = domain.get(i);
            String where = "domainRules[" + i + "]";
            String name = rule.path("name").asString("");
            String text = name + ": " + rule.path("kind").asString("?") + " " + rule.path("type").asString("?")
                    + (rule.has("expr") ? " " + rule.path("expr").asString() : "");
            String why = whyNot(rule);
            if (why != null) {
                clauses.add(Clause.notChecked(file, where, table, text, why));
                continue;
            }
            expressions.add(Map.of("name", name, "expr", rule.path("expr").asString()));
            origins.put(table + "/expressions/" + name, file + " " + where + " (" + name + ")");
            clauses.add(Clause.checked(file, where, table, text, name + ":expression"));
        }
        JsonNode migration = ruleSet.path("migrationRules");
        for (int i = 0; i < migration.size(); i++) {
            clauses.add(Clause.notChecked(file, "migrationRules[" + i + "]", table,
                    migration.get(i).path("name").asString("?"), "migration rules rewrite records between schema "
                            + "versions; dq-monitor reads changes as they are"));
        }
        Map<String, Map<String, Object>> tables = expressions.isEmpty() ? Map.of()
                : Map.of(table, new LinkedHashMap<>(Map.of("expressions", expressions)));
        return new ContractRules(tables, origins, List.copyOf(clauses), Map.of());
    }

    private static String whyNot(JsonNode rule) {
        if (rule.path("disabled").asBoolean(false)) {
            return "the rule is disabled";
        }
        if (!"CONDITION".equals(rule.path("kind").asString("CONDITION"))) {
            return "a " + rule.path("kind").asString() + " rule changes records; dq-monitor only reads them";
        }
        if (!"CEL".equals(rule.path("type").asString(""))) {
            return "only CEL conditions on the whole record are checked, not " + rule.path("type").asString("?");
        }
        if (rule.path("name").asString("").isBlank() || rule.path("expr").asString("").isBlank()) {
            return "a rule needs a name and an expr";
        }
        return null;
    }
}
