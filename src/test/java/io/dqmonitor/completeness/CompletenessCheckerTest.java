package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.tasks.BackgroundTasksFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.dqmonitor.ruleconfig.RulesFixture;
import io.dqmonitor.rules.RuleMetricsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A completeness check while the database is unreachable: the real driver against a port nobody listens on, which
 * fails the way an outage does (the transaction cannot begin, which is no {@code DataAccessException}).
 */
class CompletenessCheckerTest {

    private static final CompletenessProperties PROPERTIES =
            new CompletenessProperties(false, Duration.ofMinutes(5), Map.of());

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CompletenessMetrics metrics = new CompletenessMetrics(registry);
    private final Set<String> led = new HashSet<>(Set.of("public.a", "public.b"));
    private final CompletenessChecker checker = new CompletenessChecker(new InMemoryLedgerStore(),
            RuleFixtures.inForce(Map.of("public.a", table("public.a"), "public.b", table("public.b"))),
            CompletenessFixtures.counters(PROPERTIES),
            metrics, PROPERTIES, led::contains,
            BackgroundTasksFixture.tasks(registry, Clock.systemUTC()), RuleMetricsFixture.of(registry));

    private static TableRules table(String name) {
        return new TableRules(name, null, List.of(), List.of(), null, null);
    }

    @Test
    void aCountOutsideTheTablesRowBoundsIsOneViolationPerCheck() {
        TableRules bounded = RulesFixture.rules("""
                dq.tables.public.a: { min-rows: 2, max-rows: 3 }
                """).get("public.a");
        CompletenessChecker checking = new CompletenessChecker(new InMemoryLedgerStore(),
                RuleFixtures.inForce(Map.of("public.a", bounded)), CompletenessFixtures.counters(PROPERTIES), metrics,
                PROPERTIES, led::contains, BackgroundTasksFixture.tasks(registry, Clock.systemUTC()),
                RuleMetricsFixture.of(registry));
        for (long rows : new long[] {1, 2, 3, 4, 4}) {
            checking.check("public.a", table -> new RowCounter.Counted(rows, TransactionSnapshot.parse("110:110:")));
        }

        assertThat(bounded.columnRuleLabels()).containsExactly(Map.entry("*", "row_count"));
        assertThat(registry.get("dq.violations").tag("table", "public.a").tag("rule", "row_count").counter().count())
                .isEqualTo(3.0);
    }

    @Test
    void aRunWhileTheDatabaseIsDownFailsNamingEveryTable() {
        assertThatThrownBy(checker::checkAll).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("public.a (CannotCreateTransactionException")
                .hasMessageContaining("public.b (CannotCreateTransactionException");
    }

    @Test
    void aFailedRunLeavesTheDriftGaugesAsTheyWere() {
        metrics.drift("public.a", 2);
        assertThatThrownBy(checker::checkAll).hasMessageContaining(CannotCreateTransactionException.class.getSimpleName());
        assertThat(registry.scrape()).contains("dq_cdc_row_count_drift{table=\"public.a\"} 2.0");
    }

    @Test
    void aTableAnotherInstanceLeadsIsNotCountedHereAndLosesItsGauge() {
        metrics.drift("public.a", 2);
        led.remove("public.a");
        assertThatThrownBy(checker::checkAll).hasMessageNotContaining("public.a")
                .hasMessageContaining("public.b");
        assertThat(registry.scrape()).doesNotContain("dq_cdc_row_count_drift{table=\"public.a\"}");
    }
}
