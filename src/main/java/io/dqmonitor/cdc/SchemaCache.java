package io.dqmonitor.cdc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decoded schemas of the last few distinct {@code schema} blocks, found by their bytes. Every record of a table
 * repeats the same block (about 2.5 KB of the 4 KB of a Debezium event), so it is read into a tree once, not once per
 * record. Looking one up compares bytes (length first): no hashing, no parsing.
 */
final class SchemaCache {

    /**
     * One schema block: the struct schemas decoding needs, ready to use. When before and after have the same fields,
     * as in every Debezium envelope, they are one instance: {@code after() == before()}.
     */
    record Entry(ConnectSchema after, ConnectSchema before, ConnectSchema struct) {

        static final Entry NONE = new Entry(ConnectSchema.NONE, ConnectSchema.NONE, ConnectSchema.NONE);

        static Entry of(JsonNode schema) {
            if (schema == null || !schema.isObject()) {
                return NONE;
            }
            try {
                ConnectSchema after = ConnectSchema.ofEnvelopeField(schema, "after");
                ConnectSchema before = ConnectSchema.ofEnvelopeField(schema, "before");
                return new Entry(after, after.equals(before) ? after : before, ConnectSchema.ofStruct(schema));
            } catch (JacksonException e) {
                // well-formed JSON, read as a schema: a node of the wrong kind where a name or parameter belongs
                throw new InvalidSchemaException(e.getOriginalMessage());
            }
        }
    }

    private record Cached(byte[] bytes, Entry entry) {
    }

    /** A cached schema found in a record, and how many bytes of the record it spans. */
    record Match(Entry entry, int length) {
    }

    /** Enough for the keys and values of many tables; a table that changes its schema adds one more. */
    static final int CAPACITY = 64;

    private final JsonMapper json;
    // most recently used first; a linear scan of a few entries beats hashing kilobytes
    private final List<Cached> entries = new ArrayList<>(CAPACITY);

    SchemaCache(JsonMapper json) {
        this.json = json;
    }

    /** The schema whose JSON text is {@code bytes[from, to)}. */
    synchronized Entry get(byte[] bytes, int from, int to) {
        int length = to - from;
        for (int i = 0; i < entries.size(); i++) {
            Cached cached = entries.get(i);
            if (cached.bytes().length == length && Arrays.equals(cached.bytes(), 0, length, bytes, from, to)) {
                moveToFront(i);
                return cached.entry();
            }
        }
        Entry entry = Entry.of(json.readTree(bytes, from, length));
        if (entries.size() == CAPACITY) {
            entries.remove(CAPACITY - 1);
        }
        entries.add(0, new Cached(Arrays.copyOfRange(bytes, from, to), entry));
        return entry;
    }

    /**
     * The cached schema whose JSON text starts at {@code bytes[from]} and ends before {@code bytes[end]}, or null. Two
     * JSON objects that start at the same place cannot be one a prefix of the other, so at most one cached schema
     * matches; when one does, its bytes are exactly the object found there.
     */
    synchronized Match matchAt(byte[] bytes, int from, int end) {
        for (int i = 0; i < entries.size(); i++) {
            Cached cached = entries.get(i);
            int to = from + cached.bytes().length;
            if (to <= end && Arrays.equals(cached.bytes(), 0, cached.bytes().length, bytes, from, to)) {
                moveToFront(i);
                return new Match(cached.entry(), cached.bytes().length);
            }
        }
        return null;
    }

    private void moveToFront(int index) {
        if (index > 0) {
            entries.add(0, entries.remove(index));
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
