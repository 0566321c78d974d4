package io.dqmonitor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One embedded stack for all integration tests of a JVM: starting it takes seconds, so test classes share it and
 * measure what their own writes changed. It stops when the JVM exits.
 */
public final class SharedStack {

    /**
     * The shipped connector plus what the bad-record corpus needs: more tables, transaction markers, a signal table for
     * ad hoc snapshots, and records of several megabytes (Kafka's default limit is 1 MB).
     */
    private static final EmbeddedStack.Extras EXTRAS = new EmbeddedStack.Extras(
            List.of(Path.of("src", "test", "resources", "stack", "corpus.sql")),
            Map.of("table.include.list", "public.user_activities,public.corpus_.*",
                    "provide.transaction.metadata", "true",
                    "signal.data.collection", "public.corpus_signal",
                    "producer.override.max.request.size", "16777216",
                    "topic.creation.default.replication.factor", "1",
                    "topic.creation.default.partitions", "1",
                    "topic.creation.default.max.message.bytes", "16777216"));

    private static final Path LOG = Path.of("target", "it-stack.log");

    private static EmbeddedStack stack;

    private SharedStack() {
    }

    /** To the test output, and to a file: what happens after the last test (stopping) is not in the test output. */
    private static void progress(String line) {
        System.out.println("[stack] " + line);
        try {
            Files.writeString(LOG, Instant.now() + " " + line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[stack] cannot write " + LOG + ": " + e);
        }
    }

    /**
     * The shared stack with MariaDB and its connector, which also captures the all-types table of
     * {@code mariadb-types.sql}: every test class that needs MariaDB starts it the same way, whichever runs first.
     */
    public static synchronized EmbeddedStack withMariaDb() {
        EmbeddedStack shared = get();
        try {
            shared.startMariaDb(Ports.free(), List.of(Path.of("src", "test", "resources", "stack", "mariadb-types.sql")),
                    Map.of("table.include.list", "monitoring.user_activities,monitoring.all_types"));
        } catch (Exception e) {
            throw new IllegalStateException("MariaDB did not start: " + e.getMessage(), e);
        }
        return shared;
    }

    /**
     * The shared stack with the schema registry and a second connector on {@code public.user_activities} that writes
     * Avro in Confluent's framing to {@code monitoring_avro.*}, from the moment it starts (no snapshot) and without
     * heartbeats, which the other tests' services would read: the pipeline's tests run on it as well as on the JSON
     * topics. Returns the registry.
     */
    public static synchronized EmbeddedSchemaRegistry withAvro() {
        try {
            return get().startAvroConnector(Ports.free(), false);
        } catch (Exception e) {
            throw new IllegalStateException("the Avro connector did not start: " + e.getMessage(), e);
        }
    }

    public static synchronized EmbeddedStack get() {
        if (stack == null) {
            try {
                stack = EmbeddedStack.start(Path.of("target", "it-stack"), EmbeddedStack.StackPorts.random(),
                        EXTRAS, SharedStack::progress);
            } catch (Exception e) {
                throw new IllegalStateException("the embedded stack did not start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-shutdown"));
        }
        return stack;
    }
}
