package io.dqmonitor.pipeline;

import static io.dqmonitor.pipeline.PipelineFixture.create;
import static io.dqmonitor.pipeline.PipelineFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dqmonitor.partitions.CaughtUp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.support.Acknowledgment;

/** The store-ahead stage over Kafka's MockConsumer and in-memory stores ({@link PipelineFixture}). */
class StoreAheadTest {

    private static final TopicPartition HELD = new TopicPartition(PipelineFixture.TOPIC, 0);
    private static final TopicPartition GIVEN_AWAY = new TopicPartition(PipelineFixture.TOPIC, 1);

    private final PipelineFixture fixture = new PipelineFixture();
    private final StoreAhead stages = new StoreAhead(fixture.handler, fixture.checker, fixture.storage);
    private final MockConsumer<byte[], ByteBuffer> consumer =
            new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        stages.destroy();
    }

    @Test
    void aBatchStoredAheadIsAcknowledgedOnlyOnceItsEffectsAreStored() {
        holdWithMoreWaiting();
        fixture.history.failWith(entries -> awaitRelease());
        Ack first = new Ack();

        stages.onBatch(List.of(record(0, create(1, 1)), record(1, create(2, 1))), first, consumer);

        assertThat(first.count()).isZero();
        release.countDown();
        Ack second = new Ack();
        stages.onBatch(List.of(record(2, create(3, 1))), second, consumer);
        assertThat(first.count()).isOne();
        assertThat(second.count()).isZero();
    }

    @Test
    void theBatchBeingStoredIsAcknowledgedWhenTheContainerIsIdle() {
        holdWithMoreWaiting();
        Ack ack = new Ack();
        stages.onBatch(List.of(record(0, create(1, 1))), ack, consumer);

        stages.settle(consumer);

        assertThat(ack.count()).isOne();
        assertThat(fixture.created()).isEqualTo(1);
    }

    @Test
    void theBatchBeingStoredIsAcknowledgedBeforePartitionsAreRevoked() {
        holdWithMoreWaiting();
        Ack ack = new Ack();
        stages.onBatch(List.of(record(0, create(1, 1))), ack, consumer);

        stages.leaving(consumer, List.of(HELD), false);

        assertThat(ack.count()).isOne();
    }

    @Test
    void aBatchOfLostPartitionsIsNotAcknowledged() {
        holdWithMoreWaiting();
        Ack ack = new Ack();
        stages.onBatch(List.of(record(0, create(1, 1))), ack, consumer);

        stages.leaving(consumer, List.of(HELD), true);

        assertThat(ack.count()).isZero();
        assertThat(fixture.created()).isEqualTo(1);
    }

    @Test
    void aBatchIsStoredOnTheConsumerThreadWhenNothingMoreIsWaiting() {
        hold(0);
        Ack ack = new Ack();

        stages.onBatch(List.of(record(0, create(1, 1))), ack, consumer);

        assertThat(ack.count()).isOne();
        assertThat(fixture.created()).isEqualTo(1);
    }

    @Test
    void aBatchWhoseStoreFailedIsReadAgainWithTheOneCheckedMeanwhile() {
        holdWithMoreWaiting();
        fixture.history.failWith(entries -> {
            throw new DataAccessResourceFailureException("connection refused");
        });
        Ack first = new Ack();
        Ack second = new Ack();
        stages.onBatch(List.of(record(5, create(1, 1)), record(6, create(2, 1))), first, consumer);

        stages.onBatch(List.of(record(7, create(3, 1))), second, consumer);

        assertThat(consumer.position(HELD)).isEqualTo(5);
        assertThat(first.count() + second.count()).isZero();
        assertThat(fixture.created()).isZero();
    }

    @Test
    void afterAFailedStoreTheNextBatchIsStoredOnTheConsumerThread() {
        holdWithMoreWaiting();
        fixture.history.failWith(entries -> {
            throw new DataAccessResourceFailureException("connection refused");
        });
        stages.onBatch(List.of(record(5, create(1, 1))), new Ack(), consumer);
        stages.onBatch(List.of(record(6, create(2, 1))), new Ack(), consumer);
        fixture.history.failWith(entries -> { });
        Ack again = new Ack();

        stages.onBatch(List.of(record(5, create(1, 1)), record(6, create(2, 1))), again, consumer);

        assertThat(again.count()).isOne();
        assertThat(fixture.created()).isEqualTo(2);
    }

    @Test
    void aHeldPartitionIsCaughtUpWhenItsLagWasZeroWhenTheBatchWasTaken() {
        hold(2);
        CaughtUp behind = StoreAhead.caughtUp(StoreAhead.lags(consumer));
        consumer.poll(java.time.Duration.ZERO);
        CaughtUp caughtUp = StoreAhead.caughtUp(StoreAhead.lags(consumer));

        assertThat(behind.test(HELD.topic(), HELD.partition())).isFalse();
        assertThat(caughtUp.test(HELD.topic(), HELD.partition())).isTrue();
    }

    @Test
    void aPartitionGivenToAnotherInstanceIsNotWaitedForAndDoesNotThrow() {
        hold(0);
        assertThat(StoreAhead.caughtUp(StoreAhead.lags(consumer)).test(GIVEN_AWAY.topic(), GIVEN_AWAY.partition()))
                .isTrue();
    }

    /** Holds the partition with 100 records in Kafka and the consumer at offset 0: more is waiting. */
    private void holdWithMoreWaiting() {
        hold(0);
        consumer.updateEndOffsets(Map.of(HELD, 100L));
    }

    private void hold(int records) {
        consumer.assign(List.of(HELD));
        consumer.updateBeginningOffsets(Map.of(HELD, 0L));
        consumer.updateEndOffsets(Map.of(HELD, (long) records));
        consumer.seek(HELD, 0);
        for (int i = 0; i < records; i++) {
            consumer.addRecord(
                    new ConsumerRecord<>(HELD.topic(), HELD.partition(), i, new byte[0], ByteBuffer.allocate(0)));
        }
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Ack implements Acknowledgment {

        private final AtomicInteger acknowledged = new AtomicInteger();

        @Override
        public void acknowledge() {
            acknowledged.incrementAndGet();
        }

        int count() {
            return acknowledged.get();
        }
    }
}
