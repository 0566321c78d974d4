package io.dqmonitor.cdc;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Small objects, such as a payload's {@code source} block, read into trees without a deserialization context each. */
final class FlatTrees {

    private final ObjectReader trees;
    private final JsonNodeFactory nodes;

    FlatTrees(ObjectReader trees) {
        this.trees = trees;
        this.nodes = trees.jsonNodeFactory();
    }

    /**
     * The object at the parser's current token as the tree {@code readTree} builds, its scalars read here: a
     * {@code readTree} call sets up a deserialization context, which for the small source block cost a quarter of
     * the parsing (BENCHMARKS.md). Nested values are read by {@code readTree}; a field twice answers null.
     */
    JsonNode read(JsonParser parser) {
        ObjectNode node = nodes.objectNode();
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            if (node.replace(name, node(parser, parser.nextToken())) != null) {
                return null;
            }
        }
        return node;
    }

    private JsonNode node(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> nodes.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> nodes.nullNode();
            default -> trees.readTree(parser);
        };
    }
}
