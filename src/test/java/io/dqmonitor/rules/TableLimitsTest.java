package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.ruleconfig.RulesFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class TableLimitsTest {

    private static final RuleMetrics METRICS = RuleMetricsFixture.of(new SimpleMeterRegistry());
    private static final Instant MINUTE = Instant.parse("2026-11-24T10:15:00Z");

    private final RulesInForce rules = RuleFixtures.inForce(RulesFixture.rules("""
            dq:
              tables:
                public.t:
                  max-deletes-per-minute: 3
                  max-rows-per-transaction: 2
            """));
    private final LimitWindows windows = new InMemoryLimitWindows();
    private final TableLimits limits = new TableLimits(rules, windows, METRICS);

    @Test
    void theDeleteThatExceedsTheLimitIsOneViolation() {
        List<Violation> violations = check(limits, LongStream.rangeClosed(1, 6)
                .mapToObj(i -> delete(i, MINUTE.plusSeconds(i))).toList());
        assertThat(violations).containsExactly(new Violation("*", "max_deletes_per_minute", "2026-11-24T10:15:00Z"));
    }

    @Test
    void theCrossingDeleteIsTheOneAtTheLimitsPlace() {
        List<List<Violation>> each = limits.check(LongStream.rangeClosed(1, 5)
                .mapToObj(i -> change(delete(i, MINUTE))).toList());
        assertThat(each).extracting(List::size).containsExactly(0, 0, 0, 1, 0);
    }

    @Test
    void deletesInDifferentMinutesCountApart() {
        assertThat(check(limits, List.of(delete(1, MINUTE), delete(2, MINUTE), delete(3, MINUTE),
                delete(4, MINUTE.plusSeconds(60))))).isEmpty();
    }

    @Test
    void aRedeliveredDeleteIsNotCountedTwice() {
        for (int delivery = 0; delivery < 3; delivery++) {
            assertThat(check(limits, List.of(delete(1, MINUTE), delete(2, MINUTE), delete(3, MINUTE)))).isEmpty();
        }
    }

    @Test
    void aRedeliveryOfTheCrossingDeleteReportsTheSameViolation() {
        check(limits, LongStream.rangeClosed(1, 4).mapToObj(i -> delete(i, MINUTE)).toList());
        assertThat(check(limits, List.of(delete(4, MINUTE)))).hasSize(1);
    }

    @Test
    void aTransactionChangingTooManyRowsIsOneViolation() {
        List<Violation> violations = check(limits, LongStream.rangeClosed(1, 5).mapToObj(i -> update(i, 77)).toList());
        assertThat(violations).containsExactly(new Violation("*", "max_rows_per_transaction", "txId 77"));
    }

    @Test
    void aTransactionSplitBetweenTwoInstancesIsOneViolation() {
        // two instances, each reading some of the transaction's partitions, counting in the same windows
        TableLimits other = new TableLimits(rules, windows, METRICS);
        List<Violation> first = check(limits, List.of(update(1, 78), update(3, 78), update(5, 78)));
        List<Violation> second = check(other, List.of(update(2, 78), update(4, 78)));
        assertThat(first).containsExactly(new Violation("*", "max_rows_per_transaction", "txId 78"));
        assertThat(second).isEmpty();
    }

    @Test
    void snapshotReadsAreNoTransaction() {
        assertThat(check(limits, LongStream.rangeClosed(1, 5).mapToObj(i -> new ChangeEvent("public.t", Op.READ,
                Map.of("id", i), null, Map.of("id", i), MINUTE, Position.postgres(1000L, 5L), Map.of())).toList()))
                .isEmpty();
    }

    @Test
    void aTableWithoutLimitsClaimsNoWindow() {
        ChangeEvent other = new ChangeEvent("public.other", Op.DELETE, Map.of("id", 1), Map.of("id", 1), null, MINUTE,
                Position.postgres(1L, 1L), Map.of());
        LimitWindows refusing = new LimitWindows() {
            @Override
            public int[] places(List<Claim> claims) {
                throw new AssertionError("asked for " + claims);
            }

            @Override
            public Counted[] count(List<Tally> tallies) {
                throw new AssertionError("asked for " + tallies);
            }
        };
        assertThat(new TableLimits(rules, refusing, METRICS).check(List.of(change(other)))).containsExactly(List.of());
    }

    @Test
    void inAnOrderedTableATransactionWholeInTheBatchAndWithinTheLimitClaimsNoWindow() {
        List<LimitWindows.Claim> asked = new java.util.ArrayList<>();
        LimitWindows recording = new LimitWindows() {
            @Override
            public int[] places(List<Claim> claims) {
                asked.addAll(claims);
                return windows.places(claims);
            }

            @Override
            public Counted[] count(List<Tally> tallies) {
                return windows.count(tallies);
            }
        };
        List<ChangeEvent> events = List.of(update(1, 90), update(2, 91), update(3, 91), update(4, 92), update(5, 93));

        new TableLimits(rules, recording, METRICS).check(events.stream().map(TableLimitsTest::ordered).toList());

        // 91 (two rows, the limit) and 92 have a change of another transaction before and after them: whole
        assertThat(asked).extracting(LimitWindows.Claim::window).containsExactly("public.t:tx:90", "public.t:tx:93");
    }

    @Test
    void inAnOrderedTableATransactionOverTheLimitIsStillOneViolation() {
        List<List<Violation>> each = limits.check(List.of(update(1, 90), update(2, 91), update(3, 91), update(4, 91),
                update(5, 92)).stream().map(TableLimitsTest::ordered).toList());

        assertThat(each).extracting(List::size).containsExactly(0, 0, 0, 1, 0);
    }

    @Test
    void inAnOrderedTableATransactionAtTheEdgeOfTheBatchIsClaimed() {
        // its other changes may be in the batch before or after this one
        List<Violation> first = check(limits, List.of(update(1, 94), update(2, 94), update(3, 95)), true);
        List<Violation> second = check(limits, List.of(update(4, 94), update(5, 96)), true);

        assertThat(first).isEmpty();
        assertThat(second).containsExactly(new Violation("*", "max_rows_per_transaction", "txId 94"));
    }

    private static List<Violation> check(TableLimits limits, List<ChangeEvent> events, boolean ordered) {
        return limits.check(events.stream().map(ordered ? TableLimitsTest::ordered : TableLimitsTest::change)
                .toList()).stream().flatMap(List::stream).toList();
    }

    private static TableLimits.Change ordered(ChangeEvent event) {
        return new TableLimits.Change(event, SourcePosition.of(event), true);
    }

    private static List<Violation> check(TableLimits limits, List<ChangeEvent> events) {
        return limits.check(events.stream().map(TableLimitsTest::change).toList()).stream()
                .flatMap(List::stream).toList();
    }

    private static TableLimits.Change change(ChangeEvent event) {
        return new TableLimits.Change(event, SourcePosition.of(event));
    }

    private static ChangeEvent update(long id, long tx) {
        return new ChangeEvent("public.t", Op.UPDATE, Map.of("id", id), null, Map.of("id", id), MINUTE,
                Position.postgres(1000 + id, tx), Map.of());
    }

    private static ChangeEvent delete(long id, Instant at) {
        return new ChangeEvent("public.t", Op.DELETE, Map.of("id", id), Map.of("id", id), null, at,
                Position.postgres(id, id), Map.of());
    }
}
