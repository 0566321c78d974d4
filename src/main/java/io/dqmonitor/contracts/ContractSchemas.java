package io.dqmonitor.contracts;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The declared schemas of the contracts in force, by table: replaced whole when the rules are. */
@Component
public final class ContractSchemas {

    private volatile Map<String, DeclaredSchema> schemas = Map.of();

    public Optional<DeclaredSchema> of(String table) {
        return Optional.ofNullable(schemas.get(table));
    }

    public void replace(Map<String, DeclaredSchema> schemas) {
        this.schemas = Map.copyOf(schemas);
    }
}
