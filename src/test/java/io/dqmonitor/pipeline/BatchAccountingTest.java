package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.util.List;

import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.integrity.IntegrityFixtures;
import io.dqmonitor.sourcelog.SourceLogFixtures;
import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.dqmonitor.report.TableStatistics;
import io.dqmonitor.rules.RuleMetricsFixture;
import io.dqmonitor.schema.SchemaMetricsFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class BatchAccountingTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMetrics metrics = new PipelineMetrics(registry,
            TableLabelsFixture.of(new MetricsProperties(100)));
    private final BatchAccounting accounting = new BatchAccounting(new TableStatistics(), metrics,
            RuleMetricsFixture.of(registry), SchemaMetricsFixture.of(registry), new PartitionOwnership(metrics, event -> { }),
            Clock.systemUTC(), IntegrityFixtures.integrity(registry),
            SourceLogFixtures.positions());

    @Test
    void aFailureWhileCountingAStoredBatchIsCountedNotThrown() {
        // a record the checker could never have made: counting it fails as a bug would
        CheckedBatch broken = new CheckedBatch(List.of(), List.of(),
                List.of(new CheckedBatch.Other("t", (ParsedRecord) null)));
        assertThatCode(() -> accounting.account(broken)).doesNotThrowAnyException();
        assertThat(registry.scrape()).contains("dq_batch_failures_total{stage=\"accounting\"} 1.0");
    }
}
