package io.dqmonitor.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the shipped rule set of {@code public.user_activities} (from {@code application.yml}) on a good purchase, a
 * purchase that breaks three rules, and an update that changes an immutable column.
 * {@code ./mvnw -Pbench -DskipTests test-compile exec:exec@jmh -Dbench.jmh="RuleEvaluatorBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleEvaluatorBenchmark {

    private static final String TABLE = "public.user_activities";

    private RuleEvaluator evaluator;
    private ChangeEvent goodCreate;
    private ChangeEvent badCreate;
    private ChangeEvent update;
    private long txId;

    @Setup
    public void setUp() {
        evaluator = ShippedRules.evaluator();
        Map<String, Object> good = row(42L, "purchase", new BigDecimal("19.99"), "user42@example.com");
        goodCreate = event(Op.CREATE, null, good);
        badCreate = event(Op.CREATE, null, row(null, "purchase", new BigDecimal("-5.00"), "not-an-email"));
        update = event(Op.UPDATE, good, row(43L, "purchase", new BigDecimal("19.99"), "user42@example.com"));
    }

    @Benchmark
    public Evaluation goodCreate() {
        return evaluator.evaluate(goodCreate);
    }

    @Benchmark
    public Evaluation createBreakingThreeRules() {
        return evaluator.evaluate(badCreate);
    }

    @Benchmark
    public Evaluation updateOfAnImmutableColumn() {
        return evaluator.evaluate(update);
    }

    private ChangeEvent event(Op op, Map<String, Object> before, Map<String, Object> after) {
        // each event in a transaction of its own, as single-row writes are; evaluated again, it keeps its rank in the
        // transaction window, so the per-transaction limit never trips
        return new ChangeEvent(TABLE, op, Map.of("id", 1L), before, after, Instant.now(), Position.postgres(1000L, ++txId), Map.of());
    }

    private static Map<String, Object> row(Long userId, String type, BigDecimal amount, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("user_id", userId);
        row.put("activity_type", type);
        row.put("amount", amount);
        row.put("email", email);
        row.put("details", "{\"source\": \"bench\"}");
        row.put("created_at", "2026-11-24T10:00:00.000000Z");
        return row;
    }
}
