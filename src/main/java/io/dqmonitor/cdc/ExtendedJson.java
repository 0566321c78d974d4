package io.dqmonitor.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * MongoDB Extended JSON (v2, relaxed and canonical, and the v1 "strict" forms the connector still writes for keys) as
 * plain values. A document becomes one flat row of dotted field paths ({@code address.city}), so that rules, masking,
 * drift and the recent list treat a nested field like a column; arrays stay one value. Each field also gets its BSON
 * type name for drift. Relaxed JSON does not say which numeric type a plain number is: those are all {@code number}.
 */
final class ExtendedJson {

    /** A document as a flat row, with the BSON type of every field path. */
    record Flat(Map<String, Object> values, Map<String, String> types) {
    }

    private record Typed(Object value, String type) {
    }

    private ExtendedJson() {
    }

    static Flat flatten(JsonNode document) {
        Flat flat = new Flat(new LinkedHashMap<>(), new LinkedHashMap<>());
        flattenInto(flat, "", document);
        return flat;
    }

    /** Adds the fields of {@code document} under {@code prefix} (empty for the top level). */
    static void flattenInto(Flat flat, String prefix, JsonNode document) {
        for (Map.Entry<String, JsonNode> field : document.properties()) {
            String path = prefix + field.getKey();
            JsonNode node = field.getValue();
            if (node.isObject() && !isSpecialOrEmpty(node)) {
                flattenInto(flat, path + '.', node);
            } else {
                Typed typed = typed(node);
                flat.values().put(path, typed.value());
                flat.types().put(path, typed.type());
            }
        }
    }

    /** One value as Java sees it: numbers exact, dates as ISO-8601 instants, object ids as their hex text. */
    static Object value(JsonNode node) {
        return typed(node).value();
    }

    private static boolean isSpecial(JsonNode node) {
        String first = node.propertyNames().iterator().next();
        return first.startsWith("$");
    }

    private static Typed typed(JsonNode node) {
        if (node == null || node.isNull()) {
            // a null says nothing of the field's type: no type change when it is set again
            return new Typed(null, "");
        }
        if (node.isString()) {
            return new Typed(node.stringValue(), "string");
        }
        if (node.isBoolean()) {
            return new Typed(node.booleanValue(), "bool");
        }
        if (node.isIntegralNumber()) {
            return new Typed(node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue(), "number");
        }
        if (node.isNumber()) {
            return new Typed(node.decimalValue(), "number");
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(item.isObject() && !isSpecialOrEmpty(item) ? nested(item) : value(item)));
            return new Typed(items, "array");
        }
        if (node.isEmpty()) {
            return new Typed(Map.of(), "object");
        }
        return special(node);
    }

    private static boolean isSpecialOrEmpty(JsonNode node) {
        return node.isEmpty() || isSpecial(node);
    }

    /** A document inside an array: kept as a nested map, since array elements have no stable path. */
    private static Map<String, Object> nested(JsonNode document) {
        Map<String, Object> values = new LinkedHashMap<>();
        document.properties().forEach(field -> values.put(field.getKey(),
                field.getValue().isObject() && !isSpecialOrEmpty(field.getValue()) ? nested(field.getValue())
                        : value(field.getValue())));
        return values;
    }

    private static Typed special(JsonNode node) {
        String name = node.propertyNames().iterator().next();
        JsonNode inner = node.get(name);
        return switch (name) {
            case "$oid" -> new Typed(inner.asString(), "objectId");
            case "$numberInt" -> new Typed(Long.parseLong(inner.asString()), "int32");
            case "$numberLong" -> new Typed(Long.parseLong(inner.asString()), "int64");
            case "$numberDouble" -> new Typed(number(inner.asString()), "double");
            case "$numberDecimal" -> new Typed(number(inner.asString()), "decimal128");
            case "$date" -> new Typed(date(inner), "date");
            case "$binary" -> new Typed(inner.isObject() ? inner.path("base64").asString() : inner.asString(),
                    "binData");
            case "$uuid" -> new Typed(inner.asString(), "binData");
            case "$timestamp" -> new Typed(Instant.ofEpochSecond(inner.path("t").asLong()).toString(), "timestamp");
            case "$regularExpression" -> new Typed('/' + inner.path("pattern").asString() + '/'
                    + inner.path("options").asString(), "regex");
            case "$regex" -> new Typed('/' + inner.asString() + '/' + node.path("$options").asString(""), "regex");
            case "$symbol" -> new Typed(inner.asString(), "symbol");
            case "$code" -> new Typed(inner.asString(), "javascript");
            case "$minKey" -> new Typed("MinKey", "minKey");
            case "$maxKey" -> new Typed("MaxKey", "maxKey");
            case "$undefined" -> new Typed(null, "");
            // a field that merely starts with '$' is still a document
            default -> new Typed(nested(node), "object");
        };
    }

    /** Doubles exactly as written; the three values a BigDecimal cannot hold stay doubles. */
    private static Object number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> new BigDecimal(text);
        };
    }

    /** Canonical {@code {"$numberLong": "…"}}, relaxed ISO-8601 text, or v1's bare milliseconds. */
    private static String date(JsonNode inner) {
        if (inner.isObject()) {
            return Instant.ofEpochMilli(Long.parseLong(inner.path("$numberLong").asString())).toString();
        }
        if (inner.isNumber()) {
            return Instant.ofEpochMilli(inner.longValue()).toString();
        }
        return Instant.parse(inner.asString()).toString();
    }
}
