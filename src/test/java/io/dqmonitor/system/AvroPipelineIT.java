package io.dqmonitor.system;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link PipelineIT}'s tests on Avro: the same writes, captured by a connector that writes through Apicurio's Avro
 * converter into the real schema registry, read by a service pointed at that registry. Counts, violations, decoded
 * decimals, the recent-changes list, tombstones, truncates and dead letters must come out as they do from JSON.
 */
class AvroPipelineIT extends PipelineIT {

    @DynamicPropertySource
    static void readTheAvroTopics(DynamicPropertyRegistry properties) {
        AvroService.readTheAvroTopics(properties);
    }

    @Override
    protected String topic() {
        return AvroService.TOPIC;
    }
}
