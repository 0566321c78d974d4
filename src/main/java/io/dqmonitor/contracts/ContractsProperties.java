package io.dqmonitor.contracts;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * ODCS data contracts whose clauses become rules ({@code dq.contracts.*}).
 *
 * @param locations contract files ({@code file:contracts/orders.odcs.yaml}) or directories, each of whose
 *                  {@code *.odcs.yaml} files is loaded; read at start-up and at every rules reload
 * @param ruleSets  Confluent data-contract rule sets by the table they are about
 *                  ({@code dq.contracts.rule-sets.[shop.orders]=file:orders-rules.json}), read likewise
 */
@Validated
@ConfigurationProperties("dq.contracts")
public record ContractsProperties(List<@Pattern(regexp = "file:.+", message = "must start with file:") String> locations,
        Map<String, @Pattern(regexp = "file:.+", message = "must start with file:") String> ruleSets) {

    public ContractsProperties {
        locations = locations == null ? List.of() : List.copyOf(locations);
        ruleSets = ruleSets == null ? Map.of() : Map.copyOf(ruleSets);
    }
}
