package io.dqmonitor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** At most so many column changes of a table are reported a minute; the rest are counted as dropped. */
class SchemaChangeBudgetTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SchemaMetrics metrics = new SchemaMetrics(registry, TableLabelsFixture.of(new MetricsProperties(10)));
    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T12:00:10Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final SchemaChangeBudget budget = new SchemaChangeBudget(new SchemaProperties(100), clock, metrics);

    @Test
    void aRecordOfManyNewColumnsReportsTheBudgetAndCountsTheRest() {
        assertThat(budget.admit("public.t", added(150))).hasSize(100);
        assertThat(budget.admit("public.t", added(3))).isEmpty();
        assertThat(budget.admit("public.u", added(3))).hasSize(3);

        assertThat(registry.scrape()).contains("dq_schema_changes_dropped_total{table=\"public.t\"} 53.0");
    }

    @Test
    void theNextMinuteHasABudgetOfItsOwn() {
        budget.admit("public.t", added(100));
        assertThat(budget.admit("public.t", added(1))).isEmpty();

        clock.now = clock.now.plus(Duration.ofSeconds(50));
        assertThat(budget.admit("public.t", added(7))).hasSize(7);
    }

    private static List<SchemaChange> added(int n) {
        return IntStream.range(0, n).mapToObj(i -> new SchemaChange("public.t", SchemaChange.ADDED, "c" + i, null,
                "int32")).toList();
    }
}
