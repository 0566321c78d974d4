package io.dqmonitor.completeness;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CDC completeness check.
 *
 * @param enabled  whether to compare {@code count(*)} of each table with rules against the stream's row count
 * @param interval time between checks; each runs one {@code count(*)} per table
 */
@Validated
@ConfigurationProperties("dq.completeness")
public record CompletenessProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") @NotNull Duration interval) {
}
