package io.dqmonitor.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.rules.InvalidRulesException;
import tools.jackson.databind.JsonNode;

/**
 * Maps one ODCS v3 contract to rules. An object is the table {@code <server schema>.<physicalName or name>} (the
 * server's {@code schema}, else its {@code database}), or the one its {@code customProperties} name as
 * {@code dqMonitorTable}. Per column: {@code required} is not-null; {@code logicalTypeOptions} are range, length and
 * pattern; quality metrics that must count no rows are per-change checks ({@link QualityClauses}). The table's
 * {@code slaProperties} latency or frequency is its freshness. Every other clause is listed as not checked.
 */
final class ContractMapper {

    static final String TABLE_PROPERTY = "dqMonitorTable";

    private final String file;
    private final Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final List<Clause> clauses = new ArrayList<>();
    private final Map<String, DeclaredSchema> schemas = new LinkedHashMap<>();

    private ContractMapper(String file) {
        this.file = file;
    }

    static ContractRules map(String file, JsonNode contract) {
        ContractMapper mapper = new ContractMapper(file);
        mapper.objects(contract);
        return new ContractRules(mapper.tables, mapper.origins, List.copyOf(mapper.clauses), mapper.schemas);
    }

    private void objects(JsonNode contract) {
        String prefix = serverPrefix(contract.path("servers"));
        Map<String, String> tableOfObject = new LinkedHashMap<>();
        JsonNode objects = contract.path("schema");
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            String where = "schema[" + i + "]";
            String table = table(object, prefix);
            tableOfObject.put(object.path("name").asString(""), table);
            JsonNode properties = object.path("properties");
            declare(table, properties);
            for (int j = 0; j < properties.size(); j++) {
                new PropertyClauses(this, table, where + ".properties[" + j + "]", properties.get(j)).map();
            }
            JsonNode quality = object.path("quality");
            for (int k = 0; k < quality.size(); k++) {
                JsonNode rule = quality.get(k);
                Map<String, Long> bounds = table == null ? Map.of() : RowCountClause.bounds(rule);
                Checked clause = new Checked(where + ".quality[" + k + "]", QualityClauses.describe(rule),
                        RowCountClause.LABEL, PropertyClauses.id(rule));
                bounds.forEach((key, value) -> set(table, null, key, value, clause));
                if (bounds.isEmpty()) {
                    notChecked(clause.where(), table, clause.text(), QualityClauses.tableLevelWhy(rule));
                }
            }
        }
        new SlaClauses(this, tableOfObject).map(contract.path("slaProperties"));
    }

    /** The object's properties and their logical types: the shape the table's changes must keep. */
    private void declare(String table, JsonNode properties) {
        if (table == null || properties.isEmpty()) {
            return;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (JsonNode property : properties) {
            columns.put(property.path("physicalName").asString(property.path("name").asString("")),
                    property.path("logicalType").asString(""));
        }
        schemas.put(table, new DeclaredSchema(file, columns));
    }

    private static String serverPrefix(JsonNode servers) {
        for (JsonNode server : servers) {
            String schema = server.path("schema").asString("");
            if (!schema.isBlank()) {
                return schema;
            }
            String database = server.path("database").asString("");
            if (!database.isBlank()) {
                return database;
            }
        }
        return null;
    }

    private static String table(JsonNode object, String prefix) {
        for (JsonNode custom : object.path("customProperties")) {
            if (TABLE_PROPERTY.equals(custom.path("property").asString(""))) {
                return custom.path("value").asString("");
            }
        }
        String name = object.path("physicalName").asString(object.path("name").asString(""));
        return prefix == null ? null : prefix + "." + name;
    }

    /**
     * Sets {@code key} of a column (or, for a null column, of the table) to {@code value}, from {@code where}; the
     * clause is then checked as {@code label}, the rule's label in the metrics.
     */
    void set(String table, String column, String key, Object value, Checked clause) {
        String where = clause.where();
        String origin = file + " " + where + (clause.id() == null ? "" : " (id " + clause.id() + ")");
        String path = column == null ? table + "/" + key : table + "/columns/" + column + "/" + key;
        Map<String, Object> settings = tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
        Map<String, Object> target = settings;
        if (column != null) {
            target = RuleTrees.child(RuleTrees.child(settings, "columns"), column);
        }
        Object earlier = target.putIfAbsent(key, value);
        if (earlier != null && !earlier.equals(value)) {
            throw new InvalidRulesException(file, where + " (" + clause.text() + ") contradicts "
                    + origins.get(path) + " (" + key + ": " + earlier + ")");
        }
        origins.putIfAbsent(path, origin);
        clauses.add(Clause.checked(file, where, table, clause.text(),
                column == null ? clause.label() : column + ":" + clause.label()));
    }

    /** Adds a threshold of {@code table}, named {@code name}, which checks {@code clause}. */
    @SuppressWarnings("unchecked")
    void threshold(String table, String name, Map<String, Object> threshold, Checked clause) {
        Map<String, Object> settings = tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
        List<Object> thresholds = (List<Object>) settings.computeIfAbsent("thresholds", k -> new ArrayList<>());
        thresholds.add(threshold);
        origins.putIfAbsent(table + "/thresholds/" + name, file + " " + clause.where()
                + (clause.id() == null ? "" : " (id " + clause.id() + ")"));
        clauses.add(Clause.checked(file, clause.where(), table, clause.text(), threshold.get("column") + ":" + clause.label()
                + " (" + name + ")"));
    }

    /** A clause at {@code where} that says {@code text}, checked by the rule labelled {@code label}; its own id. */
    record Checked(String where, String text, String label, String id) {

        Checked(String where, String text, String label) {
            this(where, text, label, null);
        }
    }

    void notChecked(String where, String table, String clause, String why) {
        clauses.add(Clause.notChecked(file, where, table, clause, why));
    }
}
