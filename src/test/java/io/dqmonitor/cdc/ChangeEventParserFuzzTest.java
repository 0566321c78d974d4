package io.dqmonitor.cdc;

import static io.dqmonitor.cdc.DebeziumEvents.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parser is total: whatever a topic carries, it returns one of its outcomes and never throws. Each try takes a
 * record captured from a real Debezium connector (src/test/resources/debezium-events) and mutates it: bytes cut off,
 * flipped or inserted; fields removed, renamed or given another type; schema parameters changed; huge or deeply
 * nested values. The number of tries is jqwik's default, set in junit-platform.properties for {@code verify}; a
 * longer run: {@code ./mvnw test -Dtest=ChangeEventParserFuzzTest -Djqwik.tries.default=5000000}.
 */
class ChangeEventParserFuzzTest {

    // the mutations themselves may nest deeper than the parser under test allows
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
            .build()).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIXTURES = List.of("schema-create", "schema-update", "schema-delete",
            "schema-snapshot-read", "schema-truncate", "plain-create", "plain-update", "plain-delete",
            "plain-snapshot-read", "plain-truncate");
    private static final List<byte[]> VALUES = FIXTURES.stream().map(f -> bytes(f + ".value")).toList();

    // one parser for every try, as in the service: its schema caches see many variants of the same schema
    private final ChangeEventParser parser = new ChangeEventParser();

    @Property(shrinking = ShrinkingMode.OFF)
    void everyMutationOfARealRecordHasAnOutcome(@ForAll("mutatedRecords") Tuple.Tuple2<byte[], byte[]> record) {
        ParsedRecord outcome = parser.parse(record.get1(), record.get2());

        assertThat(outcome).isNotNull();
        if (outcome instanceof ParsedRecord.Event event) {
            assertThat(event.event().table()).isNotNull();
            assertThat(event.event().op()).isNotNull();
            // a number's text is bounded whatever its scale or exponent: rules and masking show and compare it
            java.util.stream.Stream.of(event.event().before(), event.event().after())
                    .filter(java.util.Objects::nonNull).flatMap(row -> row.values().stream())
                    .filter(value -> value instanceof java.math.BigDecimal || value instanceof Double)
                    .forEach(number -> assertThat(ValueText.of(number)).hasSizeLessThanOrEqualTo(
                            ValueText.MAX_PLAIN_LENGTH + 2));
        } else if (outcome instanceof ParsedRecord.Rejected rejected) {
            assertThat(rejected.reason()).isNotNull();
        }
    }

    // decoding from the bytes must give every mutation the tree path's outcome, with the schema cached or not
    private final BothPaths bothPaths = new BothPaths();

    @Property(shrinking = ShrinkingMode.OFF)
    void everyMutationDecodesFromItsBytesAsFromATree(@ForAll("mutatedRecords") Tuple.Tuple2<byte[], byte[]> record) {
        assertThat(bothPaths.parse(record.get1(), record.get2())).isNotNull();
    }

    @Provide
    Arbitrary<Tuple.Tuple2<byte[], byte[]>> mutatedRecords() {
        return Arbitraries.randoms().map(random -> {
            int fixture = random.nextInt(VALUES.size());
            byte[] value = VALUES.get(fixture);
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                value = mutate(random, value);
            }
            byte[] key = bytes(FIXTURES.get(fixture) + ".key");
            return Tuple.of(key != null && random.nextInt(4) == 0 ? mutateBytes(random, key) : key, value);
        });
    }

    private static byte[] mutate(Random random, byte[] value) {
        return switch (random.nextInt(4)) {
            case 0 -> mutateBytes(random, value);
            default -> mutateTree(random, value);
        };
    }

    private static byte[] mutateBytes(Random random, byte[] value) {
        byte[] out = value.clone();
        switch (random.nextInt(3)) {
            case 0 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
            case 1 -> {
                for (int i = 0, n = 1 + random.nextInt(8); i < n && out.length > 0; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            default -> {
                int at = random.nextInt(out.length + 1);
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                byte[] grown = new byte[out.length + noise.length];
                System.arraycopy(out, 0, grown, 0, at);
                System.arraycopy(noise, 0, grown, at, noise.length);
                System.arraycopy(out, at, grown, at + noise.length, out.length - at);
                out = grown;
            }
        }
        return out;
    }

    /** A structural change at a random place in the record's tree; a record that is not JSON any more is cut. */
    private static byte[] mutateTree(Random random, byte[] value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (RuntimeException notJson) {
            return mutateBytes(random, value);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return mutateBytes(random, value);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(5)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name + (random.nextBoolean() ? "_" : ""), object.remove(name)).remove(name);
                case 2 -> object.set(name, oddValue(random));
                case 3 -> object.set("scale".equals(name) || random.nextBoolean() ? name : "scale", oddScalar(random));
                default -> object.set(name, object.get(name) == null ? oddValue(random) : oddValue(random));
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            if (random.nextBoolean()) {
                array.remove(index);
            } else {
                array.set(index, oddValue(random));
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /**
     * Every container in the tree, walked with a queue of its own: a value nested 2,000 deep must not depend on the
     * test thread's stack (a recursive walk overflowed it now and then in a cold JVM).
     */
    private static void collect(JsonNode root, List<JsonNode> out) {
        java.util.ArrayDeque<JsonNode> pending = new java.util.ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.poll();
            if (node.isContainer()) {
                out.add(node);
                node.forEach(pending::add);
            }
        }
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.stringNode("x".repeat(random.nextInt(200_000)));
            case 1 -> nested(random.nextInt(2_000));
            case 2 -> NODES.objectNode().put("value", "AQ==").put("scale", random.nextInt());
            case 3 -> NODES.arrayNode().add(random.nextLong()).addNull().add("\u0000");
            default -> oddScalar(random);
        };
    }

    private static JsonNode oddScalar(Random random) {
        return switch (random.nextInt(10)) {
            case 8 -> NODES.numberNode(new java.math.BigDecimal(java.math.BigInteger.valueOf(random.nextInt()),
                    random.nextInt()));
            case 9 -> NODES.stringNode(Integer.toString(random.nextBoolean() ? random.nextInt() : Integer.MIN_VALUE));
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new java.math.BigDecimal(random.nextInt() + "e" + (random.nextInt(2000) - 1000)));
            case 4 -> NODES.stringNode("not base64!");
            case 5 -> NODES.stringNode(Integer.toString(random.nextInt(100) - 50));
            case 6 -> NODES.stringNode("\u0000\uFFFF\uD800");
            default -> NODES.stringNode(random.nextBoolean() ? "m" : "c");
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode node = NODES.arrayNode();
        for (int i = 0; i < depth; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }
}
