package io.dqmonitor.quality;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reloading the rules at run time.
 *
 * @param reloadInterval how often the configuration files on disk are checked for changes; {@code 0} turns the
 *                       check off ({@code POST /actuator/rules} still reloads)
 */
@Validated
@ConfigurationProperties("dq.rules")
public record RulesProperties(@DefaultValue("10s") @NotNull Duration reloadInterval) {
}
