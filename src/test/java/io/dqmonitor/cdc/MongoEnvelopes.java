package io.dqmonitor.cdc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records of the Debezium MongoDB connector (3.x, JSON converter with schemas), built field by field as its
 * documentation describes them: {@code after}/{@code before} as Extended JSON text, {@code updateDescription} with
 * {@code updatedFields} as Extended JSON text and {@code removedFields} as a list, the key {@code {"id": "<_id>"}}.
 * No MongoDB server runs on these machines, so these are the MongoDB tests' input.
 */
public final class MongoEnvelopes {

    public static final String TABLE = "shop.customers";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_STRING = "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\","
            + "\"version\":1,\"field\":\"%s\"}";
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + JSON_STRING.formatted("before") + "," + JSON_STRING.formatted("after") + ","
            + "{\"type\":\"struct\",\"fields\":[{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":false},"
            + "\"optional\":true,\"field\":\"removedFields\"}," + JSON_STRING.formatted("updatedFields") + ","
            + "{\"type\":\"array\",\"items\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,"
            + "\"field\":\"field\"},{\"type\":\"int32\",\"optional\":false,\"field\":\"size\"}],\"optional\":false,"
            + "\"name\":\"io.debezium.connector.mongodb.changestream.truncatedarray\",\"version\":1},\"optional\":true,"
            + "\"field\":\"truncatedArrays\"}],\"optional\":true,\"name\":\"io.debezium.connector.mongodb.changestream."
            + "updatedescription\",\"version\":1,\"field\":\"updateDescription\"},"
            + "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"version\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"connector\"},{\"type\":\"string\",\"optional\":false,"
            + "\"field\":\"name\"},{\"type\":\"int64\",\"optional\":false,\"field\":\"ts_ms\"},{\"type\":\"string\","
            + "\"optional\":true,\"name\":\"io.debezium.data.Enum\",\"version\":1,\"parameters\":{\"allowed\":"
            + "\"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental\"},\"default\":"
            + "\"false\",\"field\":\"snapshot\"},{\"type\":\"string\",\"optional\":false,\"field\":\"db\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"rs\"},{\"type\":\"string\",\"optional\":false,"
            + "\"field\":\"collection\"},{\"type\":\"int32\",\"optional\":false,\"field\":\"ord\"},{\"type\":\"string\","
            + "\"optional\":true,\"field\":\"lsid\"},{\"type\":\"int64\",\"optional\":true,\"field\":\"txnNumber\"}],"
            + "\"optional\":false,\"name\":\"io.debezium.connector.mongo.Source\",\"field\":\"source\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"op\"},{\"type\":\"int64\",\"optional\":true,"
            + "\"field\":\"ts_ms\"}],\"optional\":false,\"name\":\"monitoring_mongodb.shop.customers.Envelope\"}";
    private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,"
            + "\"field\":\"id\"}],\"optional\":false,\"name\":\"monitoring_mongodb.shop.customers.Key\"}";

    /** One change: its op, images as Extended JSON text (or null), an update description, a transaction. */
    public record Change(String op, String before, String after, String updatedFields, List<String> removedFields,
            Long txnNumber) {

        public static Change create(String after) {
            return new Change("c", null, after, null, null, null);
        }

        public Change withBefore(String image) {
            return new Change(op, image, after, updatedFields, removedFields, txnNumber);
        }

        public Change inTransaction(long number) {
            return new Change(op, before, after, updatedFields, removedFields, number);
        }
    }

    public static Change update(String after, String updatedFields, List<String> removedFields) {
        return new Change("u", null, after, updatedFields, removedFields, null);
    }

    public static Change delete(String before) {
        return new Change("d", before, null, null, null, null);
    }

    /** The key record for a document whose {@code _id} is {@code idJson} (Extended JSON). */
    public static byte[] key(String idJson) {
        return key("shop", "customers", idJson);
    }

    public static byte[] key(String db, String collection, String idJson) {
        return ("{\"schema\":" + KEY_SCHEMA.replace("shop.customers", db + "." + collection) + ",\"payload\":"
                + JSON.writeValueAsString(Map.of("id", idJson)) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] value(Change change, int ord) {
        return value("shop", "customers", 1_764_000_000_000L, ord, change);
    }

    /** The value record of {@code change} in {@code db.collection}, committed at {@code millis}, {@code ord}-th then. */
    public static byte[] value(String db, String collection, long millis, int ord, Change change) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("version", "3.6.1.Final");
        source.put("connector", "mongodb");
        source.put("name", "monitoring_mongodb");
        source.put("ts_ms", millis);
        source.put("snapshot", "false");
        source.put("db", db);
        source.put("rs", "rs0");
        source.put("collection", collection);
        source.put("ord", ord);
        source.put("lsid", change.txnNumber() == null ? null
                : "{\"id\": {\"$binary\": \"FA7YEzXgQXSX9OxmzllH2w==\", \"$type\": \"04\"}}");
        source.put("txnNumber", change.txnNumber());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("before", change.before());
        payload.put("after", change.after());
        if (change.updatedFields() != null || change.removedFields() != null) {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("removedFields", change.removedFields());
            description.put("updatedFields", change.updatedFields());
            description.put("truncatedArrays", null);
            payload.put("updateDescription", description);
        } else {
            payload.put("updateDescription", null);
        }
        payload.put("source", source);
        payload.put("op", change.op());
        payload.put("ts_ms", millis + 123);
        return ("{\"schema\":" + VALUE_SCHEMA.replace("shop.customers", db + "." + collection) + ",\"payload\":"
                + JSON.writeValueAsString(payload) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Parses what the connector would have written for {@code change} of the document with {@code _id} 1004. */
    public static ChangeEvent parse(Change change) {
        ParsedRecord parsed = new ChangeEventParser().parse(key("1004"), value(change, 1));
        if (!(parsed instanceof ParsedRecord.Event event)) {
            throw new AssertionError("not an event: " + parsed);
        }
        return event.event();
    }

    private MongoEnvelopes() {
    }
}
