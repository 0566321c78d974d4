package io.dqmonitor.cdc;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JMH: one Debezium record through the parser, with the JSON converter's schemas (the default) and without, beside
 * the same parser with trees only ({@code …AsTrees}, the parser before records were decoded from their bytes) and
 * Jackson reading the same record into one tree (what the parser did before the schema cache).
 * {@code ./mvnw -Pbench -DskipTests test-compile exec:exec@jmh -Dbench.jmh="ChangeEventParserBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChangeEventParserBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChangeEventParser parser = new ChangeEventParser();
    // the parser before values were decoded from their bytes: the payload as a tree, then decoded
    private final ChangeEventParser trees = new ChangeEventParser(JSON, false);
    private byte[] createKey;
    private byte[] createValue;
    private byte[] updateKey;
    private byte[] updateValue;
    private byte[] plainKey;
    private byte[] plainValue;

    @Setup
    public void load() throws IOException {
        createKey = fixture("schema-create.key.json");
        createValue = fixture("schema-create.value.json");
        updateKey = fixture("schema-update.key.json");
        updateValue = fixture("schema-update.value.json");
        plainKey = fixture("plain-create.key.json");
        plainValue = fixture("plain-create.value.json");
    }

    @Benchmark
    public ParsedRecord createWithSchemas() {
        return parser.parse(createKey, createValue);
    }

    @Benchmark
    public ParsedRecord updateWithSchemas() {
        return parser.parse(updateKey, updateValue);
    }

    @Benchmark
    public ParsedRecord createWithSchemasAsTrees() {
        return trees.parse(createKey, createValue);
    }

    @Benchmark
    public ParsedRecord updateWithSchemasAsTrees() {
        return trees.parse(updateKey, updateValue);
    }

    @Benchmark
    public ParsedRecord createWithoutSchemas() {
        return parser.parse(plainKey, plainValue);
    }

    /** The floor the parser used to start from: the whole record as a tree, nothing decoded yet. */
    @Benchmark
    public JsonNode createAsOneTree() {
        return JSON.readTree(createValue);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ChangeEventParserBenchmark.class.getResourceAsStream("/debezium-events/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
