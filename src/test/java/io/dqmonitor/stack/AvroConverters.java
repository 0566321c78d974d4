package io.dqmonitor.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connector settings that make Kafka Connect write a connector's keys and values as Avro through Apicurio's converter
 * and the stack's schema registry, as production pipelines do.
 */
public final class AvroConverters {

    public static final String CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";

    private AvroConverters() {
    }

    /**
     * Apicurio's own framing, its converter's defaults: bare Avro, with the schema's 8-byte global id in the record's
     * {@code apicurio.key.globalId} and {@code apicurio.value.globalId} headers.
     */
    public static Map<String, String> apicurio(EmbeddedSchemaRegistry registry) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String side : new String[] {"key", "value"}) {
            String prefix = side + ".converter";
            settings.put(prefix, CONVERTER);
            settings.put(prefix + ".apicurio.registry.url", registry.url() + "/apis/registry/v2");
            settings.put(prefix + ".apicurio.registry.auto-register", "true");
            settings.put(prefix + ".apicurio.registry.find-latest", "true");
        }
        return settings;
    }

    /**
     * Confluent's framing: a zero byte, the schema's 4-byte id (the registry's content id, which its Confluent API
     * serves), then the Avro binary.
     */
    public static Map<String, String> confluent(EmbeddedSchemaRegistry registry) {
        Map<String, String> settings = apicurio(registry);
        for (String side : new String[] {"key", "value"}) {
            String prefix = side + ".converter";
            settings.put(prefix + ".apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler");
            settings.put(prefix + ".apicurio.registry.use-id", "contentId");
            settings.put(prefix + ".apicurio.registry.headers.enabled", "false");
        }
        return settings;
    }
}
