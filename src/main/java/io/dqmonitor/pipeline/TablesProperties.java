package io.dqmonitor.pipeline;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many tables dq-monitor keeps state for. Beside the rules under {@code dq.tables.<schema.table>}, whose names
 * always have a dot, {@code dq.tables.max-tracked} is the one setting of its own.
 *
 * @param maxTracked how many tables without rules get per-table state (statistics, schema baselines, completeness
 *                   ledgers, anomaly signals, table-limit windows); tables with rules always do. A change of a table
 *                   beyond them is counted as skipped ({@code untracked_table}) and not checked
 */
@Validated
@ConfigurationProperties("dq.tables")
public record TablesProperties(@DefaultValue("1000") @Min(0) int maxTracked) {
}
