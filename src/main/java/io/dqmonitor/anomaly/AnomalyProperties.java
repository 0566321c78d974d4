package io.dqmonitor.anomaly;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dq.anomaly.*}: how often closed windows are judged. What is learned, and how it is judged, is set per table
 * in the rules ({@code dq.tables.<table>.anomaly}).
 *
 * @param interval time between two judging runs
 */
@ConfigurationProperties("dq.anomaly")
@Validated
record AnomalyProperties(@DefaultValue("5s") @NotNull Duration interval) {
}
