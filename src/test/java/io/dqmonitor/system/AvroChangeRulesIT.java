package io.dqmonitor.system;

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
        AvroService.readTheAvroTopics(properties);
    }

    @Override
    protected String topic() {
        return AvroService.TOPIC;
    }
}
