package io.dqmonitor.limits;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shared windows of table limits ({@code max-deletes-per-minute}, {@code max-rows-per-transaction}).
 *
 * @param retention how long a window is kept after its last new change: a change that arrives later (a replay, a
 *                  consumer that far behind) is counted in a new window. Each window holds at most its limit plus
 *                  one identities, so Redis holds about (windows opened per second) x retention of them
 * @param maxWindowValues the most changes a threshold's percentage window counts: it holds each one's identity until
 *                  it is decided, and a change past this bound is counted in
 *                  {@code dq_rules_skipped_total{reason="threshold_window_full"}} instead
 */
@Validated
@ConfigurationProperties("dq.limits")
record LimitsProperties(@DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration retention,
        @DefaultValue("1000000") @Min(1) int maxWindowValues) {
}
