package io.dqmonitor.contracts;

import java.util.List;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * ODCS data contracts whose clauses become rules ({@code dq.contracts.*}).
 *
 * @param locations contract files ({@code file:contracts/orders.odcs.yaml}) or directories, each of whose
 *                  {@code *.odcs.yaml} files is loaded; read at start-up and at every rules reload
 */
@Validated
@ConfigurationProperties("dq.contracts")
public record ContractsProperties(List<@Pattern(regexp = "file:.+", message = "must start with file:") String> locations) {

    public ContractsProperties {
        locations = locations == null ? List.of() : List.copyOf(locations);
    }
}
