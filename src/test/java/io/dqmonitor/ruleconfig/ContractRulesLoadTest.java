package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.rules.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

/** Contracts and native rules of one table, loaded together as the application loads them. */
class ContractRulesLoadTest {

    @TempDir
    Path folder;

    @Test
    void theShippedContractAndTheShippedRulesAddUpWithoutConflict() throws IOException {
        Map<String, TableRules> tables = load("file:contracts/user_activities.odcs.yaml",
                Files.readString(Path.of("src/main/resources/application.yml")));

        TableRules table = tables.get("public.user_activities");
        assertThat(table.columnRuleLabels()).contains(Map.entry("email", "length"),
                Map.entry("activity_type", "missing_values"), Map.entry("user_id", "not_null"),
                Map.entry("user_id", "immutable"), Map.entry("amount", "range"));
        Map<String, Object> row = new HashMap<>(Map.of("user_id", 1L, "activity_type", "n/a", "email", "x@y.z",
                "created_at", "2026-12-07T10:00:00Z", "id", 1L));
        assertThat(RuleFixtures.evaluator(tables).evaluate(new ChangeEvent("public.user_activities", Op.CREATE,
                Map.of("id", 1L), null, row, null, Position.NONE, Map.of())).violations()).containsExactlyInAnyOrder(
                new Violation("activity_type", "allowed_values", "n/a",
                        "contracts/user_activities.odcs.yaml schema[0].properties[2].quality[0] (id activity_type_known)"),
                new Violation("activity_type", "missing_values", "n/a",
                        "contracts/user_activities.odcs.yaml schema[0].properties[2].quality[1] (id activity_type_given)"));
    }

    @Test
    void aContractThatContradictsTheNativeRulesNamesBoth() throws IOException {
        Files.writeString(folder.resolve("orders.odcs.yaml"), io.dqmonitor.contracts.ContractsFixture.contract(
                "amount", "minimum: 1"));

        assertThatThrownBy(() -> load("file:" + folder, "dq.tables.shop.orders.columns.amount.min: 0"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("orders.odcs.yaml schema[0].properties[0].logicalTypeOptions.minimum")
                .hasMessageContaining("dq.tables.shop.orders.columns.amount.min");
    }

    @Test
    void aContractSettingNoRuleCanUseNamesItsClause() throws IOException {
        Files.writeString(folder.resolve("orders.odcs.yaml"), io.dqmonitor.contracts.ContractsFixture.quality("code", """
                - id: codes-known
                  metric: invalidValues
                  arguments: { pattern: '^(?!x)' }
                  mustBe: 0
                """));
        assertThatThrownBy(() -> load("file:" + folder, "dq.rules.reload-interval: 1s")).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("dq.tables.shop.orders.columns.code.pattern")
                .hasMessageContaining("orders.odcs.yaml schema[0].properties[0].quality[0] (id codes-known)");

        Files.writeString(folder.resolve("orders.odcs.yaml"), io.dqmonitor.contracts.ContractsFixture.quality("code", """
                - id: few-unknown
                  metric: nullValues
                  mustBeLessThan: 5
                  customProperties: [{ property: dqMonitorWindow, value: soon }]
                """));
        assertThatThrownBy(() -> load("file:" + folder, "dq.rules.reload-interval: 1s")).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("dq.tables.shop.orders.thresholds[0].window")
                .hasMessageContaining("orders.odcs.yaml schema[0].properties[0].quality[0] (id few-unknown)");
    }

    @Test
    void aConfluentRuleSetsCelConditionsAreExpressionsOverTheMessage() throws IOException {
        Path rules = folder.resolve("orders-rules.json");
        Files.writeString(rules, """
                {"schemaType": "AVRO", "schema": "{}", "ruleSet": {
                  "domainRules": [
                    {"name": "amountPositive", "kind": "CONDITION", "type": "CEL", "mode": "WRITE",
                     "expr": "message.amount > 0"},
                    {"name": "old", "kind": "CONDITION", "type": "CEL", "expr": "false", "disabled": true},
                    {"name": "maskSsn", "kind": "TRANSFORM", "type": "CEL_FIELD", "expr": "name == 'ssn' ; ''"},
                    {"name": "shape", "kind": "CONDITION", "type": "JSONATA", "expr": "$exists(amount)"}],
                  "migrationRules": [{"name": "v2", "kind": "TRANSFORM", "type": "JSONATA", "mode": "UPGRADE"}]}}
                """);
        RulesConfiguration.RuleSetLoader loader = new RulesConfiguration.RuleSetLoader(
                new RuleSetParser(RuleFixtures.factories(), true, new io.dqmonitor.expressions.CelExpressions()),
                new io.dqmonitor.contracts.Contracts(new io.dqmonitor.contracts.ContractsProperties(List.of(),
                        Map.of("shop.orders", "file:" + rules))), new io.dqmonitor.contracts.ContractSchemas());
        Map<String, TableRules> tables = loader.load(ConfigurationPropertySources.from(RulesFixture.yaml("rules",
                "dq.tables.shop.orders.expressions: [{name: own, expr: \"true\"}]")));

        assertThat(tables.get("shop.orders").columnRuleLabels()).containsExactly(Map.entry("own", "expression"),
                Map.entry("amountPositive", "expression"));
        loader.commit();
        assertThat(loader.clauses()).filteredOn(clause -> !clause.isChecked()).extracting(clause -> clause.where())
                .containsExactly("domainRules[1]", "domainRules[2]", "domainRules[3]", "migrationRules[0]");
        Map<String, Object> row = new HashMap<>(Map.of("amount", new java.math.BigDecimal("-1")));
        assertThat(RuleFixtures.evaluator(tables).evaluate(new ChangeEvent("shop.orders", Op.CREATE, Map.of("id", 1L),
                null, row, null, Position.NONE, Map.of())).violations()).containsExactly(new Violation(
                "amountPositive", "expression", null, rules + " domainRules[0] (amountPositive)"));
    }

    private static Map<String, TableRules> load(String contracts, String yaml) {
        return RulesFixture.loader(true, contracts)
                .load(ConfigurationPropertySources.from(RulesFixture.yaml("rules", yaml)));
    }
}
