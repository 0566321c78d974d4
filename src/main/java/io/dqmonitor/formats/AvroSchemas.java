package io.dqmonitor.formats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;

/**
 * The Avro schemas fetched so far, parsed once each, with their readers: a bounded cache, least recently used out
 * first. A schema's id never changes its meaning in a registry, so nothing here expires.
 */
final class AvroSchemas {

    /** A parsed schema and its reader, which Avro lets many threads share once built. */
    record Parsed(Schema schema, GenericDatumReader<Object> reader) {
    }

    private final Map<SchemaId, Parsed> parsed;
    private long evictions;

    AvroSchemas(int maxSchemas) {
        this.parsed = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SchemaId, Parsed> eldest) {
                boolean full = size() > maxSchemas;
                if (full) {
                    evictions++;
                }
                return full;
            }
        };
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
            parsed.put(id, fresh);
        }
        return fresh;
    }

    private static Parsed parse(SchemaId id, String text) {
        try {
            Schema schema = new Schema.Parser().setValidateDefaults(false).parse(text);
            return new Parsed(schema, new GenericDatumReader<>(schema));
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
