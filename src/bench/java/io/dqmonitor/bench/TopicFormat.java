package io.dqmonitor.bench;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The two topics the throughput benchmark fills with the same changes: one written by the JSON converter (schemas on),
 * one by Apicurio's Avro converter into the stack's schema registry, in Confluent's framing. Each has one partition.
 */
enum TopicFormat {

    JSON(Bench.TOPIC), AVRO("monitoring_avro.public.user_activities");

    private final TopicPartition partition;

    TopicFormat(String topic) {
        this.partition = new TopicPartition(topic, 0);
    }

    String topic() {
        return partition.topic();
    }

    TopicPartition partition() {
        return partition;
    }

    String label() {
        return this == JSON ? "JSON" : "Avro";
    }

    /** What dq-monitor needs to read this topic alone; {@code registryUrl} is the registry's Confluent API. */
    Map<String, String> serviceSettings(String registryUrl) {
        String pattern = topic().replace(".", "\\.");
        return this == JSON ? Map.of("dq.cdc.topic-pattern", pattern)
                : Map.of("dq.cdc.topic-pattern", pattern, "dq.registry.url", registryUrl);
    }
}
