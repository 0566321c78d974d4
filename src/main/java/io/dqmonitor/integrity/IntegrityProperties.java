package io.dqmonitor.integrity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The checks of the stream's own integrity.
 *
 * @param redeliveryWindow how many of its latest changes each partition remembers, to tell a connector's redelivery
 *                         of a change already read from a position going backwards (8 bytes a change)
 * @param maxColumns       how many (table, column) pairs get a {@code column} label of their own in
 *                         {@code cdc_unavailable_values_total}; further ones share {@code column="_other"}
 */
@Validated
@ConfigurationProperties("dq.integrity")
public record IntegrityProperties(
        @DefaultValue("4096") @Min(1) @Max(1_000_000) int redeliveryWindow,
        @DefaultValue("1000") @Min(0) int maxColumns) {
}
