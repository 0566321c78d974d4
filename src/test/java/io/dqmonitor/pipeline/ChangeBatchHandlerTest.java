package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.util.List;

import io.dqmonitor.cdc.OwnState;
import io.dqmonitor.history.InMemoryViolationLog;
import io.dqmonitor.partitions.CaughtUp;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.recent.InMemoryRecentChanges;
import io.dqmonitor.rules.RuleFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import tools.jackson.databind.json.JsonMapper;

/** The batch handler with in-memory stores ({@link PipelineFixture}): what is counted, committed and dead-lettered when a store fails. */
class ChangeBatchHandlerTest {

    private final PipelineFixture fixture = new PipelineFixture();
    private final SimpleMeterRegistry registry = fixture.registry;
    private final InMemoryViolationLog history = fixture.history;
    private final InMemoryRecentChanges recent = fixture.recent;
    private final MockProducer<Object, Object> producer = fixture.producer;
    private final ChangeBatchHandler handler = fixture.handler;

    private void handle(List<ConsumerRecord<byte[], ByteBuffer>> records) {
        handler.handle(records, CaughtUp.UNKNOWN);
    }

    @Test
    void aStoredBatchIsCounted() {
        handle(List.of(record(0, create(1, 5)), record(1, create(2, -1))));

        assertThat(created()).isEqualTo(2);
        assertThat(history.stored).hasSize(1);
        assertThat(recent.appended).hasSize(2);
    }

    @Test
    void nothingIsCountedBeforeItIsStored() {
        recent.failure = new DataAccessResourceFailureException("Redis down");

        assertThatThrownBy(() -> handle(List.of(record(0, create(1, -1)))))
                .hasCauseInstanceOf(DataAccessResourceFailureException.class);
        assertThat(created()).isZero();
        assertThat(registry.find("dq.violations").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void aTransientFailureNamesTheFirstRecordForTheErrorHandlerToRetryFromThere() {
        history.failWith(entries -> {
            throw new DataAccessResourceFailureException("connection refused");
        });

        assertThatThrownBy(() -> handle(List.of(record(0, create(1, -1)), record(1, create(2, 1)))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isZero();
                    assertThat(e.getCause()).isInstanceOf(DataAccessResourceFailureException.class);
                });
        assertThat(registry.get("dq.batch.failures").tag("stage", "history").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailedStoreHasTheLedgerAndTheSignalsReadTheirPartitionsAgain() {
        history.failWith(entries -> {
            throw new DataAccessResourceFailureException("connection refused");
        });

        assertThatThrownBy(() -> handle(List.of(record(0, create(1, -1)))));

        assertThat(fixture.published).singleElement().isEqualTo(new io.dqmonitor.partitions.PartitionsMoved(
                java.util.Set.of(new org.apache.kafka.common.TopicPartition(PipelineFixture.TOPIC, 0))));
    }

    @Test
    void aSchemaChangeBecomesTheBaselineOnlyOnceItsBatchIsStored() {
        handle(List.of(record(0, create(1, 1))));
        history.failWith(entries -> {
            throw new DataAccessResourceFailureException("connection refused");
        });
        List<ConsumerRecord<byte[], ByteBuffer>> widened = List.of(record(1, createWithNote(2, 1)));
        assertThatThrownBy(() -> handle(widened));
        history.failWith(entries -> { });

        handle(widened);
        assertThat(history.stored).singleElement()
                .satisfies(entry -> assertThat(entry.schemaChanges()).extracting("column").containsExactly("note"));
    }

    @Test
    void aRecordWhoseEffectsCanNeverBeStoredIsNamedAfterTheRecordsBeforeItAreStoredAndCounted() {
        history.failWith(entries -> {
            if (entries.stream().anyMatch(e -> e.event().after().get("id").equals(2L))) {
                throw new DataIntegrityViolationException("ERROR: timestamp out of range");
            }
        });

        assertThatThrownBy(() -> handle(List.of(record(0, create(1, -1)), record(1, create(2, -1)),
                record(2, create(3, -1)))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(UnprocessableRecordException.class);
                });
        assertThat(created()).isEqualTo(1);
        assertThat(history.stored).hasSize(1);
        assertThat(registry.get("dq.batch.failures").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void anErrorStoringOneRecordNamesThatRecordInsteadOfStoppingTheContainer() {
        history.failWith(entries -> {
            if (entries.stream().anyMatch(e -> e.event().after().get("id").equals(2L))) {
                throw new StackOverflowError();
            }
        });

        assertThatThrownBy(() -> handle(List.of(record(0, create(1, -1)), record(1, create(2, -1)),
                record(2, create(3, -1)))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(UnprocessableRecordException.class)
                            .hasRootCauseInstanceOf(StackOverflowError.class);
                });
        assertThat(created()).isEqualTo(1);
    }

    @Test
    void ownStateThatCannotBeReadIsTransientThoughItsCauseIsAJsonError() {
        history.failWith(entries -> OwnState.read("dq_monitor.violations",
                () -> JsonMapper.builder().build().readTree("{\"columns\": [1,")));

        assertThatThrownBy(() -> handle(List.of(record(0, create(1, -1)), record(1, create(2, -1)))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isZero();
                    assertThat(e.getCause()).isNotInstanceOf(UnprocessableRecordException.class)
                            .hasMessageContaining("dq_monitor.violations holds a row dq-monitor cannot read");
                });
        assertThat(producer.history()).isEmpty();
        assertThat(registry.get("dq.batch.failures").tag("stage", "history").counter().count()).isPositive();
    }

    @Test
    void aRejectedRecordIsDeadLetteredOnceHoweverOftenItsBatchIsRetried() {
        List<ConsumerRecord<byte[], ByteBuffer>> batch = List.of(record(0, "{\"payload\": {"), record(1, create(1, 1)));
        recent.failure = new DataAccessResourceFailureException("Redis down");
        assertThatThrownBy(() -> handle(batch));
        assertThatThrownBy(() -> handle(batch));
        recent.failure = null;

        handle(batch);
        assertThat(producer.history()).singleElement()
                .satisfies(sent -> assertThat(sent.topic()).isEqualTo(PipelineFixture.TOPIC + "-dlt"));
        assertThat(registry.get("cdc.events.rejected").tag("reason", "malformed_json").counter().count()).isEqualTo(1);
    }

    private double created() {
        return fixture.created();
    }

    @Test
    void personalValuesAreMaskedInTheHistoryAndTheRecentChangesWhileTheRulesSawThemRaw() {
        String bad = create(1, 1).replace("\"qty\":1}", "\"qty\":1,\"email\":\"alice.example.com\"}");
        String good = create(2, 1).replace("\"qty\":1}", "\"qty\":1,\"email\":\"bob@example.com\"}");

        handle(List.of(record(0, bad), record(1, good)));

        String hashed = RuleFixtures.MASKER.maskText(PiiMode.HASH, "alice.example.com");
        assertThat(history.stored).singleElement().satisfies(entry -> {
            assertThat(entry.violations()).extracting("rule", "value").containsExactly(tuple("pattern", hashed));
            assertThat(entry.event().after()).containsEntry("email", hashed);
        });
        assertThat(recent.appended).extracting(change -> change.after().get("email"))
                .containsExactly(hashed, RuleFixtures.MASKER.maskText(PiiMode.HASH, "bob@example.com"));
    }

    private static ConsumerRecord<byte[], ByteBuffer> record(long offset, String value) {
        return PipelineFixture.record(offset, value);
    }

    private static String create(long id, int qty) {
        return PipelineFixture.create(id, qty);
    }

    private static String createWithNote(long id, int qty) {
        return create(id, qty).replace("\"qty\":" + qty + "}", "\"qty\":" + qty + ",\"note\":\"n\"}");
    }
}
