package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.ruleconfig.RulesFixture;
import org.junit.jupiter.api.Test;

/** Rules on how an update changes a column, on full before images (REPLICA IDENTITY FULL) and without them. */
class ChangeRulesTest {

    private final RuleEvaluator evaluator = RulesFixture.evaluator("""
            dq:
              tables:
                public.orders:
                  columns:
                    user_id: { immutable: true }
                    status: { transitions: { pending: [paid, cancelled], paid: [refunded] } }
                    version: { monotonic: increasing }
                    email: { not-cleared: true }
            """);

    @Test
    void anUpdateWithinTheRulesPasses() {
        assertThat(update(row(1, "pending", 1, "a@b.c"), row(1, "paid", 2, "x@y.z")).violations()).isEmpty();
    }

    @Test
    void changingAnImmutableColumnIsAViolation() {
        assertThat(update(row(1, "pending", 1, "a"), row(2, "pending", 1, "a")).violations())
                .containsExactly(new Violation("user_id", "immutable", "1 -> 2"));
    }

    @Test
    void settingAnImmutableColumnForTheFirstTimeIsAllowed() {
        assertThat(update(row(null, "pending", 1, "a"), row(7, "pending", 1, "a")).violations()).isEmpty();
    }

    @Test
    void anUnlistedTransitionIsAViolation() {
        assertThat(update(row(1, "pending", 1, "a"), row(1, "refunded", 1, "a")).violations())
                .containsExactly(new Violation("status", "transition", "pending -> refunded"));
    }

    @Test
    void leavingAStateWithNoListedMovesIsAViolation() {
        assertThat(update(row(1, "refunded", 1, "a"), row(1, "paid", 1, "a")).violations())
                .containsExactly(new Violation("status", "transition", "refunded -> paid"));
    }

    @Test
    void anUnchangedStateIsNoMove() {
        assertThat(update(row(1, "refunded", 1, "a"), row(1, "refunded", 2, "b")).violations()).isEmpty();
    }

    @Test
    void aDecreasingValueBreaksMonotonicIncreasing() {
        assertThat(update(row(1, "paid", 10, "a"), row(1, "paid", 9, "a")).violations())
                .containsExactly(new Violation("version", "monotonic", "10 -> 9"));
    }

    @Test
    void monotonicComparesTimestampsAsText() {
        assertThat(new MonotonicRule(true).accepts("2026-01-02T00:00:00Z", "2026-01-01T23:59:59Z")).isFalse();
        assertThat(new MonotonicRule(false).accepts(10L, 9L)).isTrue();
    }

    @Test
    void clearingAValueBreaksNotCleared() {
        assertThat(update(row(1, "paid", 1, "a@b.c"), row(1, "paid", 1, null)).violations())
                .containsExactly(new Violation("email", "not_cleared", "a@b.c -> null"));
    }

    @Test
    void withoutABeforeImageChangeRulesAreSkippedNotGuessed() {
        Evaluation evaluation = update(null, row(2, "refunded", 0, null));
        assertThat(evaluation.violations()).isEmpty();
        assertThat(evaluation.skipped()).containsExactly("no_before_image");
    }

    @Test
    void changeRulesDoNotApplyToCreates() {
        Evaluation evaluation = evaluator.evaluate(new ChangeEvent("public.orders", Op.CREATE, null, null,
                row(1, "refunded", 1, null), null, Position.NONE, Map.of()));
        assertThat(evaluation).isEqualTo(new Evaluation(java.util.List.of(), java.util.Set.of()));
    }

    private Evaluation update(Map<String, Object> before, Map<String, Object> after) {
        return evaluator.evaluate(new ChangeEvent("public.orders", Op.UPDATE, Map.of("id", 1L), before, after, null,
                Position.NONE, Map.of()));
    }

    private static Map<String, Object> row(Integer userId, String status, Integer version, String email) {
        Map<String, Object> row = new HashMap<>();
        row.put("user_id", userId == null ? null : userId.longValue());
        row.put("status", status);
        row.put("version", version == null ? null : version.longValue());
        row.put("email", email);
        return row;
    }
}
