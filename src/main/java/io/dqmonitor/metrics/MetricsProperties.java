package io.dqmonitor.metrics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on the metrics' label values.
 *
 * @param maxTables how many tables without rules get a {@code table} label of their own; tables with rules always
 *                  do, and further tables share the label value {@code _other}
 */
@Validated
@ConfigurationProperties("dq.metrics")
public record MetricsProperties(@DefaultValue("100") @Min(0) int maxTables) {
}
