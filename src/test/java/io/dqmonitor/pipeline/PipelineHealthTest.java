package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class PipelineHealthTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineHealth health = new PipelineHealth(
            new PipelineMetrics(registry, TableLabelsFixture.of(new MetricsProperties(10))), java.time.Clock.systemUTC());

    @Test
    void upBeforeAnyBatch() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aFailedStageIsRethrownCountedAndReportedDown() {
        assertThatThrownBy(() -> health.store(PipelineHealth.RECENT, () -> {
            throw new IllegalStateException("connection refused");
        })).hasMessage("connection refused");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("stage", "recent")
                .containsEntry("error", "IllegalStateException: connection refused");
        assertThat(registry.get("dq.batch.failures").tag("stage", "recent").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailureOfAStageInsideAnotherIsCountedAndShownOnceAsTheInnerStage() {
        assertThatThrownBy(() -> health.store(PipelineHealth.HISTORY, () -> health.store(PipelineHealth.ANOMALY, () -> {
            throw new IllegalStateException("connection refused");
        })));
        assertThat(health.health().getDetails()).containsEntry("stage", "anomaly");
        assertThat(registry.get("dq.batch.failures").tag("stage", "anomaly").counter().count()).isEqualTo(1);
        assertThat(registry.get("dq.batch.failures").tag("stage", "history").counter().count()).isZero();
    }

    @Test
    void aFailurePermanentForARecordIsRethrownButNeitherCountedNorShown() {
        assertThatThrownBy(() -> health.store(PipelineHealth.HISTORY, () -> {
            throw new org.springframework.dao.DataIntegrityViolationException("invalid byte sequence 0x00");
        }));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registry.get("dq.batch.failures").tag("stage", "history").counter().count()).isZero();
    }

    @Test
    void aStoredBatchClearsTheFailure() {
        assertThatThrownBy(() -> health.store(PipelineHealth.HISTORY, () -> {
            throw new IllegalStateException("database down");
        }));
        health.batchStored();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aFailureFoundOutsideAStageIsCountedAndShownOnce() {
        RuntimeException down = new IllegalStateException("registry down");

        assertThat(health.failed(PipelineHealth.REGISTRY, down)).isSameAs(down);
        assertThat(health.failed(PipelineHealth.REGISTRY, down)).isSameAs(down);

        assertThat(registry.get("dq.batch.failures").tag("stage", "registry").counter().count()).isEqualTo(1);
        assertThat(health.health().getDetails()).containsEntry("stage", "registry");
    }

    @Test
    void everyStageStartsAtZero() {
        assertThat(registry.get("dq.batch.failures").counters()).hasSize(9)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }
}
