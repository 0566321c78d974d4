package io.dqmonitor.recent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Redis list of recent changes.
 *
 * @param key      the Redis key of the list
 * @param capacity how many changes the list keeps, newest first; also the largest {@code limit} of the API
 * @param maxValueLength the longest text value an entry keeps, in characters; a longer one is cut to an excerpt
 *                 that says how long it was, so that a few huge rows cannot fill Redis
 */
@Validated
@ConfigurationProperties("dq.recent")
public record RecentProperties(
        @DefaultValue("recent_changes") @NotBlank String key,
        @DefaultValue("100") @Min(1) @Max(10_000) int capacity,
        @DefaultValue("1000") @Min(16) int maxValueLength) {
}
