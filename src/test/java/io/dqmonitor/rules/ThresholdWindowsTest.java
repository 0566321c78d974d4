package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.ruleconfig.RulesFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Thresholds: failing values counted per window of commit time, one violation when a window crosses its bound. */
class ThresholdWindowsTest {

    private static final Instant HOUR = Instant.parse("2026-12-07T10:00:00Z");

    private final RulesInForce rules = RuleFixtures.inForce(RulesFixture.rules("""
            dq:
              tables:
                public.t:
                  thresholds:
                    - name: few-nulls
                      column: email
                      rule: { not-null: true }
                      max-count: 2
                    - name: mostly-known
                      column: kind
                      rule: { allowed-values: [a, b] }
                      below-percent: 50
                      min-changes: 4
                      window: 10m
            """));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryLimitWindows windows = new InMemoryLimitWindows();
    private final TableLimits limits = new TableLimits(rules, windows, RuleMetricsFixture.of(registry));

    @Test
    void theValueOneOverTheCountIsTheOneViolationOfItsWindow() {
        List<ChangeEvent> events = IntStream.rangeClosed(1, 6).mapToObj(i -> row(i, HOUR.plusSeconds(i), null, "a"))
                .toList();

        List<List<Violation>> each = limits.check(changes(events));

        assertThat(each).extracting(List::size).containsExactly(0, 0, 1, 0, 0, 0);
        assertThat(each.get(2).get(0)).isEqualTo(new Violation("email", "threshold", "few-nulls: 3 values broke "
                + "not_null in the window from 2026-12-07T10:00:00Z (not_null failing more than 2 per PT1H)"));
    }

    @Test
    void aPercentageIsJudgedOnceTheWindowHoldsEnoughValuesAndCrossedOnce() {
        // a, x: 50% failing after two values, judged only from the fourth on: a, x, a, x crosses at the fourth
        List<ChangeEvent> events = List.of(row(1, HOUR, "e", "a"), row(2, HOUR, "e", "x"), row(3, HOUR, "e", "a"),
                row(4, HOUR, "e", "x"), row(5, HOUR, "e", "x"), row(6, HOUR, "e", "x"));

        List<List<Violation>> each = limits.check(changes(events));

        assertThat(each).extracting(List::size).containsExactly(0, 0, 0, 1, 0, 0);
        assertThat(each.get(3).get(0).value()).startsWith("mostly-known: 2 of 4 values broke allowed_values");
    }

    @Test
    void changesReadAgainReportTheSameViolationAndCountNothingTwice() {
        List<ChangeEvent> events = IntStream.rangeClosed(1, 4).mapToObj(i -> row(i, HOUR, "e", i % 2 == 0 ? "x" : "a"))
                .toList();
        List<List<Violation>> first = limits.check(changes(events));
        // another instance reading the same changes after a rebalance, in another batch
        List<List<Violation>> again = new TableLimits(rules, windows, RuleMetricsFixture.of(registry))
                .check(changes(events.subList(2, 4)));

        assertThat(first.get(3)).hasSize(1);
        assertThat(again).containsExactly(List.of(), first.get(3));
    }

    @Test
    void eachWindowOfCommitTimeCountsOnItsOwn() {
        List<ChangeEvent> events = List.of(row(1, HOUR, null, "a"), row(2, HOUR, null, "a"),
                row(3, HOUR.plusSeconds(3600), null, "a"), row(4, HOUR.plusSeconds(3600), null, "a"),
                row(5, HOUR.plusSeconds(3599), null, "a"));

        assertThat(limits.check(changes(events))).extracting(List::size).containsExactly(0, 0, 0, 0, 1);
    }

    @Test
    void aChangeWithoutTheColumnOrACommitTimeOrAnAfterImageIsNotCounted() {
        Map<String, Object> noEmail = new HashMap<>(Map.of("id", 9L, "kind", "a"));
        List<ChangeEvent> events = List.of(row(1, HOUR, null, "a"), row(2, HOUR, null, "a"), row(3, null, null, "a"),
                new ChangeEvent("public.t", Op.CREATE, Map.of("id", 4L), null, noEmail, HOUR,
                        Position.postgres(4L, 4L), Map.of()),
                new ChangeEvent("public.t", Op.DELETE, Map.of("id", 5L), Map.of("id", 5L), null, HOUR,
                        Position.postgres(5L, 5L), Map.of()));

        assertThat(limits.check(changes(events))).allMatch(List::isEmpty);
    }

    @Test
    void theRuleSetListsAThresholdUnderItsColumn() {
        assertThat(rules.tables().get("public.t").columnRuleLabels()).containsExactly(Map.entry("email", "threshold"),
                Map.entry("kind", "threshold"));
    }

    private static List<TableLimits.Change> changes(List<ChangeEvent> events) {
        return events.stream().map(event -> new TableLimits.Change(event, SourcePosition.of(event))).toList();
    }

    private static ChangeEvent row(long id, Instant at, String email, String kind) {
        Map<String, Object> after = new HashMap<>();
        after.put("id", id);
        after.put("email", email);
        after.put("kind", kind);
        return new ChangeEvent("public.t", Op.CREATE, Map.of("id", id), null, after, at, Position.postgres(id, id),
                Map.of());
    }
}
