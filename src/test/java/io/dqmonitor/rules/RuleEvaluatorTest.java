package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.ruleconfig.RulesFixture;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final String RULES = """
            dq:
              tables:
                public.user_activities:
                  columns:
                    user_id: { not-null: true }
                    activity_type: { allowed-values: [login, logout, purchase, profile_update] }
                    amount: { min: 0, max: 100000 }
                  when:
                    - if: { activity_type: purchase }
                      columns:
                        amount: { not-null: true }
            """;

    private final RuleEvaluator evaluator = RulesFixture.evaluator(RULES);

    @Test
    void aGoodRowHasNoViolation() {
        assertThat(violations(create(row(1L, "purchase", "10.00")))).isEmpty();
    }

    @Test
    void eachFailingCheckIsOneViolationWithTheValueAsText() {
        assertThat(violations(create(row(null, "hack", "-1.50"))))
                .containsExactlyInAnyOrder(new Violation("user_id", "not_null", null),
                        new Violation("activity_type", "allowed_values", "hack"),
                        new Violation("amount", "range", "-1.5"));
    }

    @Test
    void whenBlockAppliesOnlyToMatchingRows() {
        assertThat(violations(create(row(1L, "purchase", null))))
                .containsExactly(new Violation("amount", "not_null", null));
        assertThat(violations(create(row(1L, "login", null)))).isEmpty();
    }

    @Test
    void updatesAndSnapshotReadsAreChecked() {
        assertThat(violations(event(Op.UPDATE, row(null, "login", null)))).hasSize(1);
        assertThat(violations(event(Op.READ, row(null, "login", null)))).hasSize(1);
    }

    @Test
    void deletesAndTruncatesAreNotChecked() {
        assertThat(violations(new ChangeEvent("public.user_activities", Op.DELETE, null,
                row(null, "hack", null), null, null, Position.NONE, Map.of()))).isEmpty();
        assertThat(violations(event(Op.TRUNCATE, null))).isEmpty();
    }

    @Test
    void tablesWithoutRulesHaveNoViolations() {
        assertThat(violations(new ChangeEvent("public.other", Op.CREATE, null, null,
                row(null, "hack", null), null, Position.NONE, Map.of()))).isEmpty();
    }

    @Test
    void aRuleOnAColumnMissingFromTheRowIsSkippedAndReported() {
        Evaluation evaluation = evaluator.evaluate(create(Map.of("activity_type", "login")));
        assertThat(evaluation.violations()).isEmpty();
        assertThat(evaluation.skipped()).containsExactly("missing_column");
    }

    @Test
    void anUnavailableColumnIsNotAViolationButCountedAsUnavailable() {
        ChangeEvent marked = create(row(1L, "__debezium_unavailable_value", "-1.00")).withUnavailable(Set.of("activity_type"));
        Evaluation evaluation = evaluator.evaluate(marked);
        assertThat(evaluation.violations()).extracting(Violation::rule).containsExactly("range");
        assertThat(evaluation.skipped()).containsExactly("unavailable_value");
    }

    @Test
    void onlyAMarkedColumnIsUnavailable() {
        // the placeholder is recognised where the connector is known (UnavailableValues), not by the rules
        assertThat(evaluator.evaluate(create(row(1L, "__debezium_unavailable_value", "1"))).violations())
                .extracting(Violation::rule).containsExactly("allowed_values");
    }

    @Test
    void aHugeViolatingValueIsKeptAsAnExcerptThatSaysHowLongItWas() {
        String huge = "x".repeat(5_000_000);
        Violation violation = violations(create(row(1L, huge, "1"))).get(0);
        assertThat(violation.value()).hasSize(1000 + "… (5000000 characters)".length())
                .startsWith("xxxx").endsWith("… (5000000 characters)");
    }

    private List<Violation> violations(ChangeEvent event) {
        return evaluator.evaluate(event).violations();
    }

    private static Map<String, Object> row(Long userId, String type, String amount) {
        Map<String, Object> row = new HashMap<>();
        row.put("user_id", userId);
        row.put("activity_type", type);
        row.put("amount", amount == null ? null : new BigDecimal(amount));
        return row;
    }

    private static ChangeEvent create(Map<String, Object> after) {
        return event(Op.CREATE, after);
    }

    private static ChangeEvent event(Op op, Map<String, Object> after) {
        return new ChangeEvent("public.user_activities", op, Map.of("id", 1L), null, after, null, Position.NONE, Map.of());
    }
}
