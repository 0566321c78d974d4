package io.dqmonitor.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.rules.InvalidRulesException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The ODCS contracts of {@code dq.contracts.locations}, read anew on every call: each checked against the ODCS
 * schema and mapped to rules ({@link ContractMapper}). Two contracts may speak of one table; their rules add up, and a
 * setting they give different values is a conflict naming both.
 */
@Component
public final class Contracts {

    /** A contract file larger than this is refused unread. */
    static final long MAX_FILE_BYTES = 4L << 20;

    private final List<String> locations;
    private final Map<String, String> ruleSets;
    /** Built on the first contract read: an instance without contracts never parses the standard's schema. */
    private OdcsSchema schema;
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    public Contracts(ContractsProperties properties) {
        this.locations = properties.locations();
        this.ruleSets = properties.ruleSets();
    }

    /** The contract and rule-set files now: for a reload to notice a changed or added one. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(ContractFiles.resolve(locations));
        ruleSets.values().forEach(location -> files.add(Path.of(location.substring("file:".length()))));
        return files;
    }

    public ContractRules load() {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        Map<String, String> origins = new HashMap<>();
        List<Clause> clauses = new ArrayList<>();
        Map<String, DeclaredSchema> schemas = new LinkedHashMap<>();
        List<ContractRules> loaded = new ArrayList<>();
        for (Path file : ContractFiles.resolve(locations)) {
            JsonNode contract = read(file);
            schema().check(file.toString(), contract);
            loaded.add(ContractMapper.map(file.toString(), contract));
        }
        ruleSets.forEach((table, location) -> {
            Path file = Path.of(location.substring("file:".length()));
            loaded.add(ConfluentRuleSets.map(table, file.toString(), read(file)));
        });
        for (ContractRules contract : loaded) {
            tables = RuleTrees.merge(tables, origins::get, contract.tables(), contract.origins()::get);
            contract.origins().forEach(origins::putIfAbsent);
            clauses.addAll(contract.clauses());
            contract.schemas().forEach((table, declared) -> schemas.merge(table, declared, Contracts::union));
        }
        return new ContractRules(tables, Map.copyOf(origins), List.copyOf(clauses), schemas);
    }

    private synchronized OdcsSchema schema() {
        if (schema == null) {
            schema = new OdcsSchema();
        }
        return schema;
    }

    /** Two contracts of one table declare the columns of both; one column's two logical types are a conflict. */
    private static DeclaredSchema union(DeclaredSchema first, DeclaredSchema second) {
        Map<String, String> columns = new LinkedHashMap<>(first.columns());
        second.columns().forEach((column, type) -> {
            String earlier = columns.putIfAbsent(column, type);
            if (earlier != null && !earlier.isEmpty() && !type.isEmpty() && !earlier.equals(type)) {
                throw new InvalidRulesException(second.contract(), "declares " + column + " a " + type + ", "
                        + first.contract() + " a " + earlier);
            }
        });
        return new DeclaredSchema(first.contract() + ", " + second.contract(), columns);
    }

    private JsonNode read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidRulesException(file.toString(), "is larger than " + MAX_FILE_BYTES + " bytes");
            }
            JsonNode contract = yaml.readTree(Files.readString(file));
            if (contract == null || !contract.isObject()) {
                throw new InvalidRulesException(file.toString(), "is not a YAML or JSON document with a contract");
            }
            return contract;
        } catch (IOException | JacksonException e) {
            throw new InvalidRulesException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }
}
