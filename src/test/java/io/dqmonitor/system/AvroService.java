package io.dqmonitor.system;

import io.dqmonitor.stack.EmbeddedSchemaRegistry;
import io.dqmonitor.stack.SharedStack;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A service of the tests that reads the Avro connector's topics through the stack's schema registry. */
final class AvroService {

    static final String TOPIC = "monitoring_avro.public.user_activities";

    private AvroService() {
    }

    /** Starts the registry and the Avro connector if need be, and points the service at them. */
    static void readTheAvroTopics(DynamicPropertyRegistry properties) {
        EmbeddedSchemaRegistry registry = SharedStack.withAvro();
        properties.add("dq.cdc.topic-pattern", () -> "monitoring_avro\\..*");
        properties.add("dq.registry.url", registry::confluentUrl);
    }
}
