package io.dqmonitor.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.dqmonitor.stack.Kafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A topic the shipped pattern matches, for records no connector writes: the integration tests produce them with a
 * plain Kafka producer and read their dead letters back.
 */
public final class SyntheticTopic {

    private final String bootstrapServers;
    private final String name;

    public SyntheticTopic(String bootstrapServers, String name) {
        this.bootstrapServers = bootstrapServers;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Creates the topic once, allowing records of up to 16 MB like the connector's topics here. */
    public SyntheticTopic create() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                        .configs(Map.of("max.message.bytes", "16777216")))).all().get();
            }
        }
        return this;
    }

    /** Sends the records in order, in one producer session, and returns the offset of each. */
    public long[] send(byte[]... values) throws Exception {
        long[] offsets = new long[values.length];
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(bootstrapServers)) {
            for (int i = 0; i < values.length; i++) {
                offsets[i] = producer.send(new ProducerRecord<>(name, values[i])).get().offset();
            }
        }
        return offsets;
    }

    /** Sends one record with a key. */
    public long sendKeyed(byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(bootstrapServers)) {
            return producer.send(new ProducerRecord<>(name, key, value)).get().offset();
        }
    }

    public ConsumerRecord<byte[], byte[]> deadLetter(long offset) {
        return Kafka.deadLetter(bootstrapServers, name, offset);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
