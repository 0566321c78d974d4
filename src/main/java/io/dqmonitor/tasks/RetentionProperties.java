package io.dqmonitor.tasks;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the history tables keep their rows.
 *
 * @param retention          rows of {@code dq_monitor.violations}, {@code schema_changes} and {@code anomalies}
 *                           recorded longer ago than this are deleted
 * @param retentionInterval  how often the background task {@code history-retention} looks for them
 * @param retentionBatchSize rows deleted per statement: a large backlog is deleted in many short transactions
 */
@Validated
@ConfigurationProperties("dq.history")
public record RetentionProperties(
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("1h") @NotNull Duration retentionInterval,
        @DefaultValue("10000") @Min(1) int retentionBatchSize) {

    public RetentionProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("dq.history.retention must be positive, but is " + retention);
        }
        if (retentionInterval != null && (retentionInterval.isNegative() || retentionInterval.isZero())) {
            throw new IllegalArgumentException("dq.history.retention-interval must be positive, but is "
                    + retentionInterval);
        }
    }
}
