package io.dqmonitor.ruleconfig;

import java.time.Duration;

import io.dqmonitor.rules.RuleEvaluator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reloading the rules at run time.
 *
 * @param reloadInterval how often the configuration files on disk are checked for changes; {@code 0} turns the
 *                       check off ({@code POST /actuator/rules} still reloads)
 * @param unavailableValuePlaceholder the connector's {@code unavailable.value.placeholder}: a column holding it
 *                       (an unchanged TOASTed value) is not checked, and counts in {@code dq_rules_skipped_total}
 */
@Validated
@ConfigurationProperties("dq.rules")
public record RulesProperties(
        @DefaultValue("10s") @NotNull Duration reloadInterval,
        @DefaultValue(RuleEvaluator.DEBEZIUM_PLACEHOLDER) @NotBlank String unavailableValuePlaceholder) {
}
