package io.dqmonitor.sourcelog;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Watching the source databases' logs: PostgreSQL's replication slots and the MariaDB/MySQL binlog. The sources are
 * dq-monitor's own datasource, when it is PostgreSQL, and every database of {@code dq.completeness.databases} with a
 * URL.
 *
 * @param enabled  whether to read them
 * @param interval time between reads
 * @param ownName  the {@code source} label of dq-monitor's own datasource
 * @param slots    the slots to watch, by name; empty: every logical slot
 * @param maxSlots how many slots of one source get labels of their own; further ones are left out, with a warning
 */
@Validated
@ConfigurationProperties("dq.source-log")
public record SourceLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15s") @NotNull Duration interval,
        @DefaultValue("default") @NotBlank String ownName,
        List<@NotBlank String> slots,
        @DefaultValue("50") @Min(1) @Max(1000) int maxSlots) {

    public SourceLogProperties {
        slots = slots == null ? List.of() : List.copyOf(slots);
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("dq.source-log.interval must be positive, but is " + interval);
        }
    }
}
