package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.DebeziumEvents;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * dq-monitor decodes a value where it lies in the fetched bytes ({@code ByteBufferDeserializer}), which needs a
 * buffer backed by an accessible array. Should a Kafka client hand over something else (read-only or direct buffers),
 * every record would be copied and take the slower tree path: still correct, so only this test would notice.
 */
class FetchedValuesIT {

    private static final EmbeddedStack STACK = SharedStack.get();
    // not a topic dq-monitor subscribes to: only this test reads it
    private static final String TOPIC = "fetched-values-it";

    @Test
    void aFetchedValueIsAViewOfAnArrayThatParsesAsItsBytesDo() throws Exception {
        byte[] key = DebeziumEvents.bytes("schema-update.key");
        byte[] value = DebeziumEvents.bytes("schema-update.value");
        SyntheticTopic topic = new SyntheticTopic(STACK.bootstrapServers(), TOPIC).create();
        long offset = topic.sendKeyed(key, value);

        List<ConsumerRecord<byte[], ByteBuffer>> fetched = sendAgainAndFetchBoth(offset, topic, key, value);

        ChangeEventParser parser = new ChangeEventParser();
        for (ConsumerRecord<byte[], ByteBuffer> record : fetched) {
            ByteBuffer view = record.value();
            assertThat(view.hasArray()).as("backed by an accessible array").isTrue();
            assertThat(view.isReadOnly()).isFalse();
            assertThat(view.remaining()).isEqualTo(value.length);
            ParsedRecord fromView = parser.parse(record.key(), view);
            assertThat(fromView).isInstanceOf(ParsedRecord.Event.class).isEqualTo(parser.parse(key, value));
        }
    }

    /** Sends the record again, and fetches both from {@code offset} together, as dq-monitor's consumer would. */
    private static List<ConsumerRecord<byte[], ByteBuffer>> sendAgainAndFetchBoth(long offset, SyntheticTopic topic,
            byte[] key, byte[] value) throws Exception {
        topic.sendKeyed(key, value);
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<byte[], ByteBuffer> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", STACK.bootstrapServers(), "max.partition.fetch.bytes", 4194304),
                new ByteArrayDeserializer(), new ByteBufferDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            List<ConsumerRecord<byte[], ByteBuffer>> fetched = new ArrayList<>();
            Awaitility.await("two records fetched").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(fetched::add);
                return fetched.size() >= 2;
            });
            return fetched.subList(0, 2);
        }
    }
}
