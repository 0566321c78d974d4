package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.dqmonitor.anomaly.CaughtUp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CdcListenerTest {

    private static final TopicPartition HELD = new TopicPartition("monitoring_server.public.t", 0);
    private static final TopicPartition GIVEN_AWAY = new TopicPartition("monitoring_server.public.t", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    @Test
    void aHeldPartitionIsCaughtUpWhenItsLagIsZero() {
        hold(2);
        CaughtUp caughtUp = CdcListener.caughtUp(consumer);
        assertThat(caughtUp.test(HELD.topic(), HELD.partition())).isFalse();
        consumer.poll(java.time.Duration.ZERO);
        assertThat(caughtUp.test(HELD.topic(), HELD.partition())).isTrue();
    }

    @Test
    void aPartitionGivenToAnotherInstanceIsNotWaitedForAndDoesNotThrow() {
        hold(0);
        assertThat(CdcListener.caughtUp(consumer).test(GIVEN_AWAY.topic(), GIVEN_AWAY.partition())).isTrue();
    }

    private void hold(int records) {
        consumer.assign(List.of(HELD));
        consumer.updateBeginningOffsets(Map.of(HELD, 0L));
        consumer.updateEndOffsets(Map.of(HELD, (long) records));
        consumer.seek(HELD, 0);
        for (int i = 0; i < records; i++) {
            consumer.addRecord(new ConsumerRecord<>(HELD.topic(), HELD.partition(), i, new byte[0], new byte[0]));
        }
    }
}
