package io.dqmonitor.stack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;

/** Producing records of any kind, and finding what dq-monitor dead-lettered, on the stack's broker. */
public final class Kafka {

    private Kafka() {
    }

    /** A producer of raw bytes that may send records of up to 16 MB. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "max.request.size", 16 * 1024 * 1024,
                "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Waits for the dead letter of the record at {@code offset} of partition 0 of {@code topic}. */
    public static ConsumerRecord<byte[], byte[]> deadLetter(String bootstrapServers, String topic, long offset) {
        TopicPartition partition = new TopicPartition(topic + "-dlt", 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "fetch.max.bytes", 32 * 1024 * 1024, "max.partition.fetch.bytes", 32 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return Awaitility.await("the dead letter of " + topic + "@" + offset).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> find(consumer, partition, offset), Optional::isPresent).orElseThrow();
        }
    }

    private static Optional<ConsumerRecord<byte[], byte[]>> find(KafkaConsumer<byte[], byte[]> consumer,
            TopicPartition partition, long offset) {
        return all(consumer, partition, offset).stream().findFirst();
    }

    /** How many dead letters {@code topic-dlt} holds, now, for the record at {@code offset}. */
    public static long deadLetterCount(String bootstrapServers, String topic, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "fetch.max.bytes", 32 * 1024 * 1024, "max.partition.fetch.bytes", 32 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return all(consumer, new TopicPartition(topic + "-dlt", 0), offset).size();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> all(KafkaConsumer<byte[], byte[]> consumer,
            TopicPartition partition, long offset) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        List<ConsumerRecord<byte[], byte[]>> found = new java.util.ArrayList<>();
        while (consumer.position(partition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2)).records(partition)) {
                if (Long.toString(offset).equals(header(record, DeadLetterHeaders.OFFSET))) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    /** Every record partition 0 of {@code topic} holds now. */
    public static List<ConsumerRecord<byte[], byte[]>> records(String bootstrapServers, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "fetch.max.bytes", 32 * 1024 * 1024, "max.partition.fetch.bytes", 32 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
            while (consumer.position(partition) < end) {
                records.addAll(consumer.poll(Duration.ofSeconds(2)).records(partition));
            }
            return records;
        }
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
