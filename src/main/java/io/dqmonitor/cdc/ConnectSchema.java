package io.dqmonitor.cdc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The parts of a Kafka Connect JSON schema that decoding needs: for each field of a struct, its type and logical
 * name, and the scale of fixed-scale decimals.
 */
record ConnectSchema(Map<String, FieldType> fields, Map<String, String> columnTypes) {

    static final ConnectSchema NONE = of(Map.of());

    /** A schema of these fields; the column types every event of it reports are worked out here, once. */
    static ConnectSchema of(Map<String, FieldType> fields) {
        Map<String, String> types = new LinkedHashMap<>();
        fields.forEach((name, type) -> types.put(name, type.describe()));
        return new ConnectSchema(Collections.unmodifiableMap(fields), Collections.unmodifiableMap(types));
    }

    /** One field: the Connect type ({@code int64}, {@code bytes}, …), the logical name or null, the decimal scale or null. */
    record FieldType(String type, String logicalName, Integer scale) {

        /** The name that describes the column: the logical name when there is one, else the Connect type. */
        String describe() {
            return logicalName != null ? logicalName : type;
        }
    }

    FieldType field(String name) {
        return fields.get(name);
    }

    /** The struct schema of the named field of an envelope schema, e.g. {@code after}; NONE when absent. */
    static ConnectSchema ofEnvelopeField(JsonNode envelopeSchema, String fieldName) {
        if (envelopeSchema == null) {
            return NONE;
        }
        for (JsonNode field : envelopeSchema.path("fields")) {
            if (fieldName.equals(field.path("field").asString(null))) {
                if ("struct".equals(field.path("type").asString(null)) && !field.path("fields").isArray()) {
                    // decoded without it, every value would pass as schemaless: the block contradicts itself
                    throw new InvalidSchemaException("the struct schema of '" + fieldName + "' has no field list");
                }
                return ofStruct(field);
            }
        }
        return NONE;
    }

    /** The fields of a struct schema such as a record key's. */
    static ConnectSchema ofStruct(JsonNode structSchema) {
        if (structSchema == null || !structSchema.path("fields").isArray()) {
            return NONE;
        }
        Map<String, FieldType> fields = new LinkedHashMap<>();
        for (JsonNode field : structSchema.path("fields")) {
            if (!field.isObject() || !field.path("field").isString()) {
                throw new InvalidSchemaException("a struct field is not an object with a 'field' name: " + field);
            }
            String name = field.path("field").stringValue();
            fields.put(name, new FieldType(field.path("type").asString(null), field.path("name").asString(null),
                    scale(name, field.path("parameters").path("scale"))));
        }
        return of(fields);
    }

    /** Connect writes parameters as text: {@code "scale": "2"}. */
    private static Integer scale(String field, JsonNode scale) {
        if (scale.isMissingNode() || scale.isNull()) {
            return null;
        }
        try {
            return Integer.valueOf(scale.asString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidSchemaException("the scale of field '" + field + "' is not a whole number: " + scale);
        }
    }
}
