package io.dqmonitor.cdc;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Decodes a payload straight from the record's bytes into rows, with the row schema the {@link SchemaCache} already
 * holds: no tree of the payload, no copy of the value. Only the small {@code source} block and nested values become
 * trees. It takes the shape Debezium's JSON converter writes for SQL sources, and answers null for anything else (a
 * missing or unknown op, a MongoDB source, a value unlike its type, a field twice, before and after of different
 * schemas): the tree path then decides, so every record has the outcome it always had.
 */
final class PayloadDecoder {

    /** What the payload holds; {@code source} is a tree, as {@link Position} and the table name are read from it. */
    record Payload(Op op, JsonNode source, Map<String, Object> before, Map<String, Object> after) {
    }

    private final ObjectReader trees;
    private final FlatTrees sources;

    PayloadDecoder(ObjectReader trees) {
        this.trees = trees;
        this.sources = new FlatTrees(trees);
    }

    /** The payload at the parser's next token, or null when the tree path must decide. */
    Payload payload(JsonParser parser, ConnectSchema rowSchema) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Op op = null;
        JsonNode source = null;
        Map<String, Object> before = null;
        Map<String, Object> after = null;
        int seen = 0;
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            int field = switch (name) {
                case "op" -> 1;
                case "source" -> 2;
                case "before" -> 4;
                case "after" -> 8;
                default -> 0;
            };
            JsonToken value = parser.nextToken();
            if ((seen & field) != 0) {
                return null;
            }
            seen |= field;
            boolean decided = switch (name) {
                case "op" -> value == JsonToken.VALUE_STRING
                        && (op = Op.fromCode(parser.getString()).orElse(null)) != null;
                case "source" -> value == JsonToken.START_OBJECT && (source = sources.read(parser)) != null;
                case "before" -> value == JsonToken.VALUE_NULL || (before = row(parser, rowSchema)) != null;
                case "after" -> value == JsonToken.VALUE_NULL || (after = row(parser, rowSchema)) != null;
                default -> skippedWithoutFractions(parser);
            };
            if (!decided) {
                return null;
            }
        }
        boolean complete = parser.currentToken() == JsonToken.END_OBJECT && op != null && source != null;
        return complete && !MongoEnvelope.isMongo(source) ? new Payload(op, source, before, after) : null;
    }

    /**
     * Skips the value at the parser's current token (the envelope's {@code ts_ms}, {@code transaction}, ...); false
     * when it holds a number with a fraction or an exponent. The tree path reads every such number as a
     * {@code BigDecimal}, which fails for an exponent beyond its range, so only the tree path can tell that record's
     * outcome; Debezium writes these fields with none.
     */
    private static boolean skippedWithoutFractions(JsonParser parser) {
        int depth = 0;
        for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return false;
            }
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            if (depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** The row object at the parser's current token, or null when it is not one this decoder takes. */
    Map<String, Object> row(JsonParser parser, ConnectSchema schema) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>(schema.fields().size() * 4 / 3 + 1);
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String column = parser.currentName();
            Object value = value(parser, parser.nextToken(), schema.field(column));
            if (value == UNDECIDED || values.containsKey(column)) {
                return null;
            }
            values.put(column, value);
        }
        return values;
    }

    /** Stands for a value this decoder leaves to the tree path. */
    private static final Object UNDECIDED = new Object();

    private Object value(JsonParser parser, JsonToken token, ConnectSchema.FieldType type) {
        return switch (token) {
            case VALUE_NULL -> null;
            // nested values and fractions are rare in rows: the tree path's own decoding of a small tree keeps
            // them exactly as they were (a fraction's scale, a variable-scale decimal's shape)
            case START_OBJECT, START_ARRAY, VALUE_NUMBER_FLOAT -> ValueDecoder.decode(trees.readTree(parser), type);
            case VALUE_STRING -> string(parser.getString(), type);
            case VALUE_NUMBER_INT -> integer(parser, type);
            case VALUE_TRUE -> plain(type) ? Boolean.TRUE : UNDECIDED;
            case VALUE_FALSE -> plain(type) ? Boolean.FALSE : UNDECIDED;
            default -> UNDECIDED;
        };
    }

    private static Object string(String text, ConnectSchema.FieldType type) {
        if (plain(type)) {
            return text;
        }
        return switch (type.logicalName()) {
            // base64 that is not (a decimal written as text) is left to the tree path, which knows what to make of it
            case ValueDecoder.DECIMAL -> type.scale() == null ? text : base64Decimal(text, type.scale());
            case ValueDecoder.JSON -> new JsonText(text);
            case ValueDecoder.BITS -> ValueDecoder.bits(text);
            default -> UNDECIDED;
        };
    }

    private static Object base64Decimal(String text, int scale) {
        try {
            return ValueDecoder.decimal(text, scale);
        } catch (IllegalArgumentException notBase64) {
            return UNDECIDED;
        }
    }

    private static Object integer(JsonParser parser, ConnectSchema.FieldType type) {
        boolean big = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
        if (plain(type)) {
            return big ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
        }
        if (big) {
            return UNDECIDED;
        }
        if (ValueDecoder.isTemporal(type.logicalName())) {
            return ValueDecoder.temporal(type.logicalName(), parser.getLongValue());
        }
        return ValueDecoder.DECIMAL.equals(type.logicalName()) ? BigDecimal.valueOf(parser.getLongValue()) : UNDECIDED;
    }

    /**
     * Whether a value of this type is read as the plain JSON value: no logical type, or one the tree path does not
     * decode by its value.
     */
    private static boolean plain(ConnectSchema.FieldType type) {
        String name = type == null ? null : type.logicalName();
        return name == null || !ValueDecoder.isTemporal(name) && switch (name) {
            case ValueDecoder.DECIMAL, ValueDecoder.JSON, ValueDecoder.BITS,
                    ValueDecoder.VARIABLE_SCALE_DECIMAL -> false;
            default -> true;
        };
    }
}
