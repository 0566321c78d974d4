package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.ruleconfig.RulesFixture;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {

    private static final Instant MINUTE = Instant.parse("2026-11-24T10:15:00Z");

    private final RuleEvaluator evaluator = RulesFixture.evaluator("""
            dq:
              tables:
                public.t:
                  max-deletes-per-minute: 3
                  max-rows-per-transaction: 2
            """);

    @Test
    void theDeleteThatExceedsTheLimitIsOneViolation() {
        List<Violation> violations = LongStream.rangeClosed(1, 6)
                .mapToObj(i -> evaluator.evaluate(event(Op.DELETE, i, i, MINUTE.plusSeconds(i))).violations())
                .flatMap(List::stream).toList();
        assertThat(violations).containsExactly(new Violation("*", "max_deletes_per_minute", "2026-11-24T10:15:00Z"));
    }

    @Test
    void deletesInDifferentMinutesCountApart() {
        for (long i = 1; i <= 3; i++) {
            assertThat(evaluator.evaluate(event(Op.DELETE, i, i, MINUTE)).violations()).isEmpty();
        }
        assertThat(evaluator.evaluate(event(Op.DELETE, 4, 4, MINUTE.plusSeconds(60))).violations()).isEmpty();
    }

    @Test
    void aRedeliveredDeleteIsNotCountedTwice() {
        for (int delivery = 0; delivery < 3; delivery++) {
            for (long i = 1; i <= 3; i++) {
                assertThat(evaluator.evaluate(event(Op.DELETE, i, i, MINUTE)).violations()).isEmpty();
            }
        }
    }

    @Test
    void aRedeliveryOfTheCrossingDeleteReportsTheSameViolation() {
        for (long i = 1; i <= 4; i++) {
            evaluator.evaluate(event(Op.DELETE, i, i, MINUTE));
        }
        assertThat(evaluator.evaluate(event(Op.DELETE, 4, 4, MINUTE)).violations()).hasSize(1);
    }

    @Test
    void aTransactionChangingTooManyRowsIsOneViolation() {
        long tx = 77;
        List<Violation> violations = LongStream.rangeClosed(1, 5)
                .mapToObj(i -> evaluator.evaluate(new ChangeEvent("public.t", Op.UPDATE, Map.of("id", i), null,
                        Map.of("id", i), MINUTE, Position.postgres((long) (1000 + i), (long) tx), Map.of())).violations())
                .flatMap(List::stream).toList();
        assertThat(violations).containsExactly(new Violation("*", "max_rows_per_transaction", "txId 77"));
    }

    private static ChangeEvent event(Op op, long id, long lsn, Instant at) {
        return new ChangeEvent("public.t", op, Map.of("id", id), Map.of("id", id), null, at, Position.postgres((long) lsn, (long) lsn), Map.of());
    }
}
