package io.dqmonitor.contracts;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The clauses of one property (column) of a contract object. */
final class PropertyClauses {

    /** {@code logicalTypeOptions} of numbers and strings: the rule key each becomes, and that rule's label. */
    private static final Map<String, String[]> OPTIONS = Map.of(
            "minimum", new String[] {"min", "range"},
            "maximum", new String[] {"max", "range"},
            "exclusiveMinimum", new String[] {"exclusive-min", "range"},
            "exclusiveMaximum", new String[] {"exclusive-max", "range"},
            "minLength", new String[] {"min-length", "length"},
            "maxLength", new String[] {"max-length", "length"},
            "pattern", new String[] {"pattern", "pattern"});

    private final ContractMapper mapper;
    private final String table;
    private final String where;
    private final JsonNode property;
    private final String column;

    PropertyClauses(ContractMapper mapper, String table, String where, JsonNode property) {
        this.mapper = mapper;
        this.table = table;
        this.where = where;
        this.property = property;
        this.column = property.path("physicalName").asString(property.path("name").asString(""));
    }

    void map() {
        if (table == null) {
            notChecked(where, "property " + column, "the object maps to no table: give the server's schema or "
                    + "customProperties " + ContractMapper.TABLE_PROPERTY);
            return;
        }
        if (property.path("required").asBoolean(false)) {
            set("not-null", true, where + ".required", "required: true", "not_null");
        }
        if (property.path("unique").asBoolean(false)) {
            notChecked(where + ".unique", "unique: true", "uniqueness is of the whole table, not of a change");
        }
        if (property.path("primaryKey").asBoolean(false)) {
            notChecked(where + ".primaryKey", "primaryKey: true", "the source database keeps its own keys");
        }
        options(property.path("logicalType").asString(""), property.path("logicalTypeOptions"));
        JsonNode quality = property.path("quality");
        for (int k = 0; k < quality.size(); k++) {
            new QualityClauses(this, where + ".quality[" + k + "]", quality.get(k)).map();
        }
        if (property.has("properties") || property.has("items")) {
            notChecked(where, "nested properties of " + column, "nested fields are not mapped yet");
        }
    }

    private void options(String logicalType, JsonNode options) {
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            String place = where + ".logicalTypeOptions." + option.getKey();
            String text = option.getKey() + ": " + option.getValue().asString(option.getValue().toString());
            String[] rule = OPTIONS.get(option.getKey());
            boolean numeric = logicalType.equals("number") || logicalType.equals("integer");
            boolean bound = option.getKey().toLowerCase().contains("imum");
            if (rule == null || bound && !numeric) {
                notChecked(place, text, rule == null ? "no rule checks " + option.getKey()
                        : "bounds are checked on numbers only, not on " + logicalType);
            } else {
                set(rule[0], option.getValue().isNumber() ? option.getValue().numberValue().toString()
                        : option.getValue().asString(), place, text, rule[1]);
            }
        }
    }

    /** A clause of the property itself, known by the property's id. */
    void set(String key, Object value, String place, String text, String label) {
        set(key, value, new ContractMapper.Checked(place, text, label, id(property)));
    }

    void set(String key, Object value, ContractMapper.Checked clause) {
        mapper.set(table, column, key, value, clause);
    }

    String column() {
        return column;
    }

    void threshold(String name, Map<String, Object> threshold, ContractMapper.Checked clause) {
        mapper.threshold(table, name, threshold, clause);
    }

    /** The {@code id} ODCS v3.1 gives a property or a quality clause, or null. */
    static String id(JsonNode node) {
        String id = node.path("id").asString("");
        return id.isBlank() ? null : id;
    }

    void notChecked(String place, String text, String why) {
        mapper.notChecked(place, table, text, why);
    }
}
