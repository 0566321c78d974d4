package io.dqmonitor.formats;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;

/**
 * The Avro schemas fetched so far, parsed once each, with their readers: a cache bounded both in schemas and in the
 * characters of their text, least recently used out first. A schema's id never changes its meaning in a registry, so
 * nothing here expires.
 */
final class AvroSchemas {

    /** A parsed schema and its reader, which Avro lets many threads share once built. */
    record Parsed(Schema schema, GenericDatumReader<Object> reader, int characters) {
    }

    private final Map<SchemaId, Parsed> parsed = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxSchemas;
    private final long maxCharacters;
    private long characters;
    private long evictions;

    AvroSchemas(int maxSchemas, long maxCharacters) {
        this.maxSchemas = maxSchemas;
        this.maxCharacters = maxCharacters;
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

    private static Parsed parse(SchemaId id, String text) {
        try {
            Schema schema = new Schema.Parser().setValidateDefaults(false).parse(text);
            return new Parsed(schema, new GenericDatumReader<>(schema), text.length());
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw new UndecodableRecordException("the schema of " + id + " is not Avro: " + e.getMessage(), e);
        }
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
