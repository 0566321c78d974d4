package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.rules.Evaluation;
import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.rules.Violation;
import org.junit.jupiter.api.Test;

class ExpressionsParserTest {

    private static final String RULES = """
            dq:
              tables:
                public.orders:
                  columns:
                    amount: { min: 0 }
                  expressions:
                    - name: refund_within_amount
                      expr: "after.refund <= after.amount"
                    - name: amount_never_halved
                      expr: "after.amount * 2.0 >= before.amount"
                      when: "op == 'update'"
            """;

    @Test
    void expressionsAreChecksLabelledByTheirNameBesideTheColumnRules() {
        TableRules table = RulesFixture.rules(RULES).get("public.orders");

        assertThat(table.columnRuleLabels()).containsExactly(Map.entry("amount", "range"),
                Map.entry("refund_within_amount", "expression"), Map.entry("amount_never_halved", "expression"));
    }

    @Test
    void aBrokenExpressionIsOneViolationUnderItsNameAndAFailingOneASkip() {
        var evaluator = RuleFixtures.evaluator(RulesFixture.rules(RULES));

        Evaluation create = evaluator.evaluate(change(Op.CREATE, null, row("5", "7")));
        assertThat(create.violations()).containsExactly(new Violation("refund_within_amount", "expression", null));

        Evaluation update = evaluator.evaluate(change(Op.UPDATE, row("10", "0"), row("4", "0")));
        assertThat(update.violations()).containsExactly(new Violation("amount_never_halved", "expression", null));

        Map<String, Object> noRefund = new HashMap<>(Map.of("amount", new BigDecimal("1")));
        assertThat(evaluator.evaluate(change(Op.CREATE, null, noRefund)).skipped()).containsExactly("expression_error");
    }

    @Test
    void mistakesNameTheirSetting() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.orders.expressions: [{name: a, expr: "after.x >"}]
                """)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("dq.tables.public.orders.expressions[0].expr")
                .hasMessageContaining("at line 1, column");
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.orders.expressions: [{name: a, expr: "true"}, {name: a, expr: "false"}]
                """)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("expressions[1].name").hasMessageContaining("another expression");
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.orders.expressions: [{name: a, exp: "true"}]
                """)).isInstanceOf(InvalidRulesException.class).hasMessageContaining("expressions[0].exp");
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.orders.expressions: [{name: "a b", expr: "true"}]
                """)).isInstanceOf(InvalidRulesException.class).hasMessageContaining("is not a name");
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.orders.expressions: [{name: a}]
                """)).isInstanceOf(InvalidRulesException.class).hasMessageContaining("expressions[0].expr");
    }

    private static Map<String, Object> row(String amount, String refund) {
        return new HashMap<>(Map.of("amount", new BigDecimal(amount), "refund", new BigDecimal(refund)));
    }

    private static ChangeEvent change(Op op, Map<String, Object> before, Map<String, Object> after) {
        return new ChangeEvent("public.orders", op, Map.of("id", 1L), before, after, null, Position.NONE,
                Map.of("amount", "org.apache.kafka.connect.data.Decimal"));
    }
}
