package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.cdc.UnavailableValues;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.formats.RecordReader;
import io.dqmonitor.formats.RegistryProperties;
import io.dqmonitor.formats.RegistryUnavailableException;
import io.dqmonitor.stack.Ports;
import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.dqmonitor.rules.ColumnRule;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.schema.Baseline;
import io.dqmonitor.schema.SchemaBaselines;
import io.dqmonitor.schema.SchemaTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Checking a record contains every failure but the JVM's own death as that record's outcome: an {@link Error} from a
 * rule or from the schema tracker is a rejection of that record alone, never an escape that stops the consumer. An
 * exception from the shared baselines is the batch's, to be retried.
 */
class RecordCheckerTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    private final PipelineHealth health = new PipelineHealth(new PipelineMetrics(new SimpleMeterRegistry(),
            TableLabelsFixture.of(new MetricsProperties(100))), Clock.systemUTC());

    @Test
    void anErrorFromARuleRejectsThatRecordAndTheNextIsChecked() {
        RecordChecker checker = checker(failingRule(new StackOverflowError()), baselines(null));

        CheckedBatch batch = checker.check(List.of(record(0, "-1"), record(1, "2")));

        assertThat(batch.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason().reason()).isEqualTo(RejectReason.UNPROCESSABLE);
            assertThat(r.reason().detail()).contains("StackOverflowError");
        });
        assertThat(batch.events()).hasSize(1);
    }

    @Test
    void anOutOfMemoryErrorOfOneRecordIsThatRecordsOutcome() {
        RecordChecker checker = checker(failingRule(new OutOfMemoryError("Requested array size exceeds VM limit")),
                baselines(null));

        assertThat(checker.check(List.of(record(0, "-1"))).rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason().detail()).contains("OutOfMemoryError"));
    }

    @Test
    void theJvmsOwnDeathIsNotContained() {
        RecordChecker checker = checker(failingRule(new InternalError("the JVM is broken")), baselines(null));

        assertThatThrownBy(() -> checker.check(List.of(record(0, "-1")))).isInstanceOf(InternalError.class);
    }

    @Test
    void anErrorFromTheSchemaTrackerRejectsThatRecord() {
        RecordChecker checker = checker(null, baselines(new StackOverflowError()));

        CheckedBatch batch = checker.check(List.of(record(0, "1")));

        assertThat(batch.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason().detail()).contains("tracking the event's columns failed"));
    }

    @Test
    void sharedBaselinesOutOfReachFailTheBatchToBeRetried() {
        RecordChecker checker = checker(null, baselines(new DataAccessResourceFailureException("down")));

        assertThatThrownBy(() -> checker.check(List.of(record(0, "1"))))
                .isInstanceOf(DataAccessResourceFailureException.class);
    }

    @Test
    void aSchemaRegistryOutOfReachFailsTheBatchToBeRetriedAndNamesTheStage() {
        RecordReader unreachable = RecordReader.withRegistry(new RegistryProperties("http://127.0.0.1:" + Ports.free(),
                null, null, null, null, null, Duration.ofSeconds(2), 10, 1_000_000), new ChangeEventParser());
        RecordChecker checker = checker(null, baselines(null), unreachable);
        byte[] framed = {0, 0, 0, 0, 7, 2, 4};
        ConsumerRecord<byte[], ByteBuffer> record = new ConsumerRecord<>(PipelineFixture.TOPIC, 0, 0, null,
                ByteBuffer.wrap(framed));

        assertThatThrownBy(() -> checker.check(List.of(record))).isInstanceOf(RegistryUnavailableException.class);
        assertThat(health.health().getDetails()).containsEntry("stage", PipelineHealth.REGISTRY);
    }

    @Test
    void aCommitTimeAheadOfTheClockIsDroppedAndMarkedWhileItsIdentityStaysTheRawChanges() {
        RecordChecker checker = checker(null, baselines(null));
        String nextYear = "{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"t\",\"ts_ms\":"
                + Instant.parse("2027-12-07T12:00:00Z").toEpochMilli() + "},\"after\":{\"id\":1}}";

        CheckedBatch.Checked checked = checker.check(List.of(PipelineFixture.record(0, nextYear))).events().get(0);

        assertThat(checked.aheadOfClock()).isTrue();
        assertThat(checked.event().sourceTimestamp()).isNull();
        assertThat(checked.position().id()).isEqualTo(SourcePosition.of(
                ((ParsedRecord.Event) new ChangeEventParser().parse(null,
                        nextYear.getBytes(StandardCharsets.UTF_8))).event()).id());
    }

    @Test
    void aCommitTimeWithinTheToleranceOrInThePastIsKept() {
        RecordChecker checker = checker(null, baselines(null));

        for (String time : List.of("2026-12-07T12:04:59Z", "2020-01-01T00:00:00Z")) {
            CheckedBatch.Checked checked = checker.check(List.of(PipelineFixture.record(0, "{\"op\":\"c\",\"source\":"
                    + "{\"schema\":\"public\",\"table\":\"t\",\"ts_ms\":" + Instant.parse(time).toEpochMilli()
                    + "},\"after\":{\"id\":1}}"))).events().get(0);
            assertThat(checked.aheadOfClock()).isFalse();
            assertThat(checked.event().sourceTimestamp()).isEqualTo(Instant.parse(time));
        }
    }

    @Test
    void aHeartbeatAheadOfTheClockIsASkippedHeartbeat() {
        RecordChecker checker = checker(null, baselines(null));

        CheckedBatch batch = checker.check(List.of(PipelineFixture.record(0, "{\"ts_ms\":"
                + Instant.parse("2027-01-01T00:00:00Z").toEpochMilli() + "}"), PipelineFixture.record(1, "{\"ts_ms\":"
                + Instant.parse("2026-12-07T11:59:00Z").toEpochMilli() + "}")));

        assertThat(batch.others()).extracting(CheckedBatch.Other::aheadOfClock).containsExactly(true, false);
        assertThat(batch.others().get(0).parsed()).isEqualTo(new ParsedRecord.Skipped(
                ParsedRecord.SkipReason.HEARTBEAT));
        assertThat(batch.others().get(1).parsed()).isInstanceOf(ParsedRecord.Heartbeat.class);
    }

    @Test
    void changesOfTablesBeyondTheTrackedOnesAreSkippedWhileTablesWithRulesAreAlwaysChecked() {
        RecordChecker checker = checker(null, baselines(null));

        CheckedBatch batch = checker.check(List.of(change(0, "a"), change(1, "b"), change(2, "a"), change(3, "t")));

        assertThat(batch.events()).extracting(c -> c.event().table())
                .containsExactly("public.a", "public.a", "public.t");
        assertThat(batch.others()).singleElement().satisfies(other -> assertThat(other.parsed())
                .isEqualTo(new ParsedRecord.Skipped(ParsedRecord.SkipReason.UNTRACKED_TABLE)));
    }

    private static ConsumerRecord<byte[], ByteBuffer> change(long offset, String table) {
        return PipelineFixture.record(offset, "{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\""
                + table + "\"},\"after\":{\"id\":" + offset + "}}");
    }

    private RecordChecker checker(ColumnRule rule, SchemaBaselines baselines) {
        return checker(rule, baselines, RecordReader.json(new ChangeEventParser()));
    }

    private RecordChecker checker(ColumnRule rule, SchemaBaselines baselines, RecordReader reader) {
        RulesInForce rules = RuleFixtures.inForce(Map.of("public.t", new TableRules("public.t", null,
                rule == null ? List.of() : List.of(new TableRules.ColumnCheck("qty", rule)), List.of(), null, null)));
        return new RecordChecker(reader, RuleFixtures.evaluator(rules),
                new SchemaTracker(baselines), rules, RuleFixtures.MASKER, health, new SourceClock(PipelineFixture.PROPERTIES, NOW), new TrackedTables(new TablesProperties(1), rules),
                UnavailableValues.debeziumDefault());
    }

    /** A rule that fails with {@code failure} on negative values, as a rule hitting a hostile value would. */
    private static ColumnRule failingRule(Error failure) {
        return new ColumnRule.ValueRule() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public boolean accepts(Object value) {
                if (value.toString().startsWith("-")) {
                    throw failure;
                }
                return true;
            }
        };
    }

    private static SchemaBaselines baselines(Throwable failure) {
        return new SchemaBaselines() {
            @Override
            public Optional<Baseline> load(String table) {
                if (failure instanceof Error error) {
                    throw error;
                }
                if (failure != null) {
                    throw (RuntimeException) failure;
                }
                return Optional.empty();
            }

            @Override
            public boolean claim(String table, Optional<Baseline> expected, Baseline next) {
                return true;
            }
        };
    }

    private static ConsumerRecord<byte[], ByteBuffer> record(long offset, String qty) {
        return PipelineFixture.record(offset, "{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"t\"},"
                + "\"after\":{\"id\":" + offset + ",\"qty\":" + qty + "}}");
    }
}
