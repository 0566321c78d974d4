package io.dqmonitor.formats;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.dqmonitor.formats.RegistryProperties.Framing;
import tools.jackson.databind.json.JsonMapper;

/** Which registry speaks for a topic, how its records frame their schema's id, and a client for each. */
final class Registries {

    static final String DEFAULT = "default";

    private record Entry(Pattern topics, Framing framing, SchemaRegistryClient client) {
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();

    Registries(RegistryProperties properties, JsonMapper json) {
        properties.registries().forEach((name, registry) -> byName.put(name, new Entry(registry.topics(),
                registry.framing(), new SchemaRegistryClient(name, registry.url(), registry.username(),
                        registry.password(), registry.token(), properties.timeout(), json))));
        if (properties.url() != null && !properties.url().isBlank()) {
            byName.put(DEFAULT, new Entry(null, properties.framing(), new SchemaRegistryClient(DEFAULT,
                    properties.url(), properties.username(), properties.password(), properties.token(),
                    properties.timeout(), json)));
        }
    }

    /** The id a registry frame carries after its zero byte; {@code frame} is left after the id. */
    SchemaId idInFrame(String topic, ByteBuffer frame) {
        Map.Entry<String, Entry> registry = forTopic(topic);
        Framing framing = registry.getValue().framing();
        int size = framing == Framing.CONFLUENT ? Integer.BYTES : Long.BYTES;
        if (frame.remaining() < size) {
            throw new UndecodableRecordException("a registry frame of " + (frame.remaining() + 1)
                    + " bytes is too short for its schema id");
        }
        return switch (framing) {
            case CONFLUENT -> new SchemaId(registry.getKey(), SchemaId.Kind.CONFLUENT, Integer.toUnsignedLong(
                    frame.getInt()));
            case APICURIO_GLOBAL_ID -> new SchemaId(registry.getKey(), SchemaId.Kind.GLOBAL, frame.getLong());
            case APICURIO_CONTENT_ID -> new SchemaId(registry.getKey(), SchemaId.Kind.CONTENT, frame.getLong());
        };
    }

    /** The id Apicurio's headers carry; over Confluent's API a content id is the id it serves. */
    SchemaId idInHeader(String topic, boolean global, long id) {
        Map.Entry<String, Entry> registry = forTopic(topic);
        if (registry.getValue().framing() == Framing.CONFLUENT) {
            if (global) {
                throw new UndecodableRecordException("the record names its schema by a global id, which Confluent's"
                        + " API does not serve: set the registry's framing to apicurio-global-id and its url to"
                        + " Apicurio's root");
            }
            return new SchemaId(registry.getKey(), SchemaId.Kind.CONFLUENT, id);
        }
        return new SchemaId(registry.getKey(), global ? SchemaId.Kind.GLOBAL : SchemaId.Kind.CONTENT, id);
    }

    /** The registries' names, as {@code registry} labels. */
    java.util.List<String> names() {
        return java.util.List.copyOf(byName.keySet());
    }

    SchemaRegistryClient client(String name) {
        return byName.get(name).client();
    }

    private Map.Entry<String, Entry> forTopic(String topic) {
        Map.Entry<String, Entry> fallback = null;
        for (Map.Entry<String, Entry> registry : byName.entrySet()) {
            Pattern topics = registry.getValue().topics();
            if (topics == null) {
                fallback = registry;
            } else if (topics.matcher(topic).matches()) {
                return registry;
            }
        }
        if (fallback == null) {
            throw new UndecodableRecordException("the record is framed by a schema registry, and none is configured"
                    + " for topic " + topic + ": set dq.registry.url");
        }
        return fallback;
    }
}
