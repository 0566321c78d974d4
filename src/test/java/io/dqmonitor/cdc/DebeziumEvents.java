package io.dqmonitor.cdc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The records Debezium wrote, captured as test resources ({@code src/test/resources/debezium-events}). */
public final class DebeziumEvents {

    private DebeziumEvents() {
    }

    /** The bytes of {@code <name>.json}, or null when there is no such record (a delete's tombstone has no value). */
    public static byte[] bytes(String name) {
        try (InputStream in = DebeziumEvents.class.getResourceAsStream("/debezium-events/" + name + ".json")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
