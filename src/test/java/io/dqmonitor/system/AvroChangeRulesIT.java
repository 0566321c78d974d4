package io.dqmonitor.system;

import io.dqmonitor.stack.EmbeddedSchemaRegistry;
import io.dqmonitor.stack.SharedStack;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ChangeRulesIT}'s tests on Avro: before images, transactions, a column added and dropped (a new schema in the
 * registry each time), history rows with their LSN and row key, and replays, all read through the real registry
 * from what Apicurio's Avro converter wrote.
 */
class AvroChangeRulesIT extends ChangeRulesIT {

    @DynamicPropertySource
    static void readTheAvroTopics(DynamicPropertyRegistry properties) {
        EmbeddedSchemaRegistry registry = SharedStack.withAvro();
        properties.add("dq.cdc.topic-pattern", () -> "monitoring_avro\\..*");
        properties.add("dq.registry.url", registry::confluentUrl);
    }

    @Override
    protected String topic() {
        return "monitoring_avro.public.user_activities";
    }
}
