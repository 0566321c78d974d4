package io.dqmonitor.ruleconfig;

import java.time.Duration;
import java.util.Map;

import io.dqmonitor.cdc.UnavailableValues;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reloading the rules at run time, and what the rules must not take for a value.
 *
 * @param reloadInterval how often the configuration files on disk are checked for changes; {@code 0} turns the
 *                       check off ({@code POST /actuator/rules} still reloads)
 * @param unavailableValuePlaceholder the connectors' {@code unavailable.value.placeholder}: a column holding it
 *                       (an unchanged TOASTed value) is not checked, and counts in {@code dq_rules_skipped_total} and
 *                       {@code cdc_unavailable_values_total}
 * @param unavailableValuePlaceholders the placeholder of a connector configured with another one, by its topic
 *                       prefix ({@code dq.rules.unavailable-value-placeholders.<prefix>})
 */
@Validated
@ConfigurationProperties("dq.rules")
public record RulesProperties(
        @DefaultValue("10s") @NotNull Duration reloadInterval,
        @DefaultValue(UnavailableValues.DEBEZIUM_DEFAULT) @NotBlank String unavailableValuePlaceholder,
        Map<String, @NotBlank String> unavailableValuePlaceholders) {

    public RulesProperties {
        unavailableValuePlaceholders = unavailableValuePlaceholders == null ? Map.of()
                : Map.copyOf(unavailableValuePlaceholders);
    }
}
