package io.dqmonitor.formats;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Avro schemas fetched so far, parsed once each, with their readers: a cache bounded both in schemas and in the
 * characters of their text, least recently used out first. A schema's id never changes its meaning in a registry, so
 * nothing here expires.
 */
final class AvroSchemas {

    /**
     * A parsed schema and its reader, which Avro lets many threads share once built, and the schema as Connect's JSON
     * converter writes it ({@link ConnectJson}), or why it has none: built once, since it is most of each record.
     */
    record Parsed(Schema schema, GenericDatumReader<Object> reader, int characters, byte[] connectSchema,
                  String unfit) {

        /** The Connect schema's JSON; a schema that has none makes each of its records undecodable. */
        byte[] connectSchemaOrThrow() {
            if (connectSchema == null) {
                throw new UndecodableRecordException(unfit);
            }
            return connectSchema;
        }
    }

    private final Map<SchemaId, Parsed> parsed = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxSchemas;
    private final long maxCharacters;
    private final JsonMapper json;
    private long characters;
    private long evictions;

    AvroSchemas(int maxSchemas, long maxCharacters, JsonMapper json) {
        this.maxSchemas = maxSchemas;
        this.maxCharacters = maxCharacters;
        this.json = json;
    }

    /** The schema of {@code id}, from the cache or else from {@code fetch}, which gives its text. */
    Parsed get(SchemaId id, Function<SchemaId, String> fetch) {
        synchronized (parsed) {
            Parsed known = parsed.get(id);
            if (known != null) {
                return known;
            }
        }
        // fetched outside the lock: a slow registry must not hold up records whose schemas are known
        Parsed fresh = parse(id, fetch.apply(id));
        synchronized (parsed) {
            Parsed replaced = parsed.put(id, fresh);
            characters += fresh.characters() - (replaced == null ? 0 : replaced.characters());
            evictBeyondBounds();
        }
        return fresh;
    }

    /** The least recently used go until both bounds hold; the schema just fetched always stays. */
    private void evictBeyondBounds() {
        Iterator<Parsed> eldest = parsed.values().iterator();
        while (parsed.size() > 1 && (parsed.size() > maxSchemas || characters > maxCharacters)) {
            characters -= eldest.next().characters();
            eldest.remove();
            evictions++;
        }
    }

    private Parsed parse(SchemaId id, String text) {
        Schema schema;
        try {
            schema = new Schema.Parser().setValidateDefaults(false).parse(text);
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw new UndecodableRecordException("the schema of " + id + " is not Avro: " + e.getMessage(), e);
        }
        byte[] connect = null;
        String unfit = null;
        try {
            connect = json.writeValueAsBytes(ConnectJson.schema(schema, false));
        } catch (UndecodableRecordException e) {
            // kept with the schema, so that its records are refused without asking the registry again
            unfit = e.getMessage();
        }
        return new Parsed(schema, new GenericDatumReader<>(schema), text.length(), connect, unfit);
    }

    int size() {
        synchronized (parsed) {
            return parsed.size();
        }
    }

    long evictions() {
        synchronized (parsed) {
            return evictions;
        }
    }
}
