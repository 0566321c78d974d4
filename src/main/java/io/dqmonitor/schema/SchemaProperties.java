package io.dqmonitor.schema;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Schema drift.
 *
 * @param maxChangesPerMinute how many column changes of one table are reported (a history row and a count each) per
 *                            minute of this host's clock; further ones count in
 *                            {@code dq_schema_changes_dropped_total}. One record of 50,000 made-up columns would
 *                            otherwise write 50,000 rows
 */
@Validated
@ConfigurationProperties("dq.schema")
public record SchemaProperties(@DefaultValue("100") @Min(1) int maxChangesPerMinute) {
}
