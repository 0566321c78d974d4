package io.dqmonitor.cdc;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The images of a Debezium MongoDB change: {@code after} and {@code before} are documents written as Extended JSON
 * text; an update without the full document ({@code capture.mode=change_streams}) has only {@code updateDescription},
 * whose set fields and removed fields become a partial after image (a removed field reads as null). The key is
 * {@code {"id": "<the _id as Extended JSON>"}}.
 */
final class MongoEnvelope {

    /** The decoded images; {@code partial} when the after image holds only what an update described. */
    record Images(Map<String, Object> before, Map<String, Object> after, Map<String, String> types, boolean partial) {
    }

    private final JsonMapper json;

    MongoEnvelope(JsonMapper json) {
        this.json = json;
    }

    static boolean isMongo(JsonNode source) {
        return "mongodb".equals(source.path("connector").asString(""));
    }

    Images images(JsonNode payload) {
        ExtendedJson.Flat before = document(payload.get("before"));
        ExtendedJson.Flat after = document(payload.get("after"));
        if (after == null && payload.path("updateDescription").isObject()) {
            ExtendedJson.Flat described = described(payload.get("updateDescription"));
            // a partial image says nothing about the fields it lacks: no types, so drift is not misled
            return new Images(values(before), described.values(), Map.of(), true);
        }
        Map<String, String> types = after != null ? after.types() : before != null ? before.types() : Map.of();
        return new Images(values(before), values(after), types, false);
    }

    /** The document's key field, as its documents and rules name it. */
    static final String ID = "_id";

    /** The key's {@code id}: Extended JSON text of the document's {@code _id}, decoded like any value, as {@code _id}. */
    Map<String, Object> key(Map<String, Object> decodedKey) {
        if (decodedKey == null || !(decodedKey.get("id") instanceof String id)) {
            return decodedKey;
        }
        // the connector's key field is "id"; the document's is "_id", which rules and pii name
        Map<String, Object> key = new LinkedHashMap<>();
        decodedKey.forEach((field, value) -> key.put(field.equals("id") ? ID : field, value));
        try {
            key.put(ID, ExtendedJson.value(json.readTree(id)));
        } catch (RuntimeException notExtendedJson) {
            // a key that is not Extended JSON still identifies the document as it is
        }
        return key;
    }

    private ExtendedJson.Flat document(JsonNode text) {
        if (text == null || text.isNull()) {
            return null;
        }
        if (!text.isString()) {
            throw new IllegalArgumentException("a MongoDB document image is not Extended JSON text");
        }
        JsonNode document = json.readTree(text.stringValue());
        if (!document.isObject()) {
            throw new IllegalArgumentException("a MongoDB document image is not a JSON object");
        }
        return ExtendedJson.flatten(document);
    }

    private ExtendedJson.Flat described(JsonNode description) {
        ExtendedJson.Flat flat = new ExtendedJson.Flat(new LinkedHashMap<>(), new LinkedHashMap<>());
        JsonNode updated = description.get("updatedFields");
        if (updated != null && !updated.isNull()) {
            // the connector writes the set fields as Extended JSON text; their names may already be dotted paths
            JsonNode fields = updated.isString() ? json.readTree(updated.stringValue()) : updated;
            ExtendedJson.flattenInto(flat, "", fields);
        }
        for (JsonNode removed : description.path("removedFields")) {
            flat.values().put(removed.asString(), null);
        }
        return flat;
    }

    private static Map<String, Object> values(ExtendedJson.Flat flat) {
        return flat == null ? null : flat.values();
    }
}
