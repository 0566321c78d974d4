package io.dqmonitor.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** Replays part of a topic to dq-monitor as a connector replay would: its consumer group's offset moved back. */
public final class TopicReplay {

    private TopicReplay() {
    }

    /** The next offset of partition 0 of {@code topic}: where a test's own records will start. */
    public static long endOffset(String bootstrapServers, String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    /** Stops the listener, moves the group's offset of partition 0 of {@code topic} to {@code offset}, starts it. */
    public static void replayFrom(KafkaListenerEndpointRegistry listeners, String bootstrapServers, String topic,
            long offset) {
        var container = listeners.getListenerContainer("dq-monitor-cdc");
        CountDownLatch stopped = new CountDownLatch(1);
        container.stop(stopped::countDown);
        Awaitility.await("consumer stopped").atMost(Duration.ofSeconds(30)).until(() -> stopped.getCount() == 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            // refused (group not empty) until the consumer has left, which is after its last commit
            Awaitility.await("offsets reset").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.alterConsumerGroupOffsets("dq-monitor", Map.of(
                            new TopicPartition(topic, 0), new OffsetAndMetadata(offset))).all().get() == null);
        } finally {
            container.start();
        }
    }
}
