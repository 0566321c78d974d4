package io.dqmonitor.formats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.Bytes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Avro datum as Kafka Connect's JSON converter, schemas on, writes the same change: {@code {schema, payload}},
 * the schema in Connect's terms. Connect's Avro converters keep what Avro cannot say in the schema's
 * {@code connect.*} properties (a logical name such as {@code io.debezium.time.MicroTimestamp}, its parameters such
 * as a decimal's scale, {@code int8} and {@code int16}); they come back here, so one parser decodes both formats
 * alike. Bytes, decimals among them, are written in base64, as that converter writes them.
 */
final class ConnectJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConnectJson() {
    }

    static ObjectNode schema(Schema schema, boolean optional) {
        Schema actual = nonNull(schema);
        ObjectNode connect = NODES.objectNode();
        connect.put("type", type(actual));
        connect.put("optional", optional || actual != schema);
        switch (actual.getType()) {
            case RECORD -> {
                ArrayNode fields = connect.putArray("fields");
                for (Schema.Field field : actual.getFields()) {
                    fields.add(schema(field.schema(), false).put("field", field.name()));
                }
            }
            case ARRAY -> connect.set("items", schema(actual.getElementType(), false));
            case MAP -> {
                connect.set("keys", NODES.objectNode().put("type", "string").put("optional", false));
                connect.set("values", schema(actual.getValueType(), false));
            }
            default -> {
            }
        }
        Object name = actual.getObjectProp("connect.name");
        if (name instanceof String logical) {
            connect.put("name", logical);
        }
        Object version = actual.getObjectProp("connect.version");
        if (version instanceof Number number) {
            connect.put("version", number.intValue());
        }
        ObjectNode parameters = parameters(actual);
        if (!parameters.isEmpty()) {
            connect.set("parameters", parameters);
        }
        return connect;
    }

    private static ObjectNode parameters(Schema schema) {
        ObjectNode parameters = NODES.objectNode();
        if (schema.getObjectProp("connect.parameters") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> parameters.put(String.valueOf(key), String.valueOf(value)));
        } else if (schema.getObjectProp("scale") instanceof Number scale && "decimal".equals(
                schema.getProp("logicalType"))) {
            parameters.put("scale", Integer.toString(scale.intValue()));
        }
        return parameters;
    }

    private static String type(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> "struct";
            case ARRAY -> "array";
            case MAP -> "map";
            case INT -> schema.getProp("connect.type") != null ? schema.getProp("connect.type") : "int32";
            case LONG -> "int64";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case BYTES, FIXED -> "bytes";
            case STRING, ENUM -> "string";
            case NULL -> "null";
            case UNION -> throw new UndecodableRecordException("a union other than [null, type] has no Connect type: "
                    + schema);
        };
    }

    /** The one non-null branch of {@code [null, type]}, or the schema itself. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes();
        if (branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL) {
            return branches.get(1);
        }
        if (branches.size() == 2 && branches.get(1).getType() == Schema.Type.NULL) {
            return branches.get(0);
        }
        return schema;
    }

    static JsonNode payload(Schema schema, Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        Schema actual = datum instanceof GenericContainer container ? container.getSchema() : nonNull(schema);
        if (datum instanceof IndexedRecord record) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), payload(field.schema(), record.get(field.pos())));
            }
            return object;
        }
        if (datum instanceof List<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(payload(actual.getElementType(), item)));
            return array;
        }
        if (datum instanceof Map<?, ?> entries) {
            ObjectNode object = NODES.objectNode();
            entries.forEach((key, value) -> object.set(String.valueOf(key), payload(actual.getValueType(), value)));
            return object;
        }
        return scalar(datum);
    }

    private static JsonNode scalar(Object datum) {
        if (datum instanceof ByteBuffer bytes) {
            return NODES.stringNode(Base64.getEncoder().encodeToString(Bytes.of(bytes)));
        }
        if (datum instanceof GenericFixed fixed) {
            return NODES.stringNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        }
        if (datum instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (datum instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (datum instanceof Float number) {
            return NODES.numberNode(number);
        }
        if (datum instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (datum instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        // strings (Avro's Utf8) and enum symbols
        return NODES.stringNode(datum.toString());
    }
}
