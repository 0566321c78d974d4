package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.UnavailableValues;
import io.dqmonitor.anomaly.AnomalyFixtures;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.formats.RecordReader;
import io.dqmonitor.completeness.CompletenessFixtures;
import io.dqmonitor.history.InMemoryViolationLog;
import io.dqmonitor.integrity.IntegrityFixtures;
import io.dqmonitor.sourcelog.SourceLogFixtures;
import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.dqmonitor.recent.InMemoryRecentChanges;
import io.dqmonitor.report.TableStatistics;
import io.dqmonitor.ruleconfig.RulesFixture;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.RuleMetricsFixture;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.schema.InMemorySchemaBaselines;
import io.dqmonitor.schema.SchemaMetricsFixture;
import io.dqmonitor.schema.SchemaTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The batch path with in-memory stores, for unit tests of the handler and the store-ahead stage. The dead-letter
 * publisher is the real one, over Kafka's own in-memory producer.
 */
final class PipelineFixture {

    static final String TOPIC = "monitoring_server.public.t";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final InMemoryViolationLog history = new InMemoryViolationLog();
    final InMemoryRecentChanges recent = new InMemoryRecentChanges();
    final MockProducer<Object, Object> producer = new MockProducer<>(true, null,
            (topic, value) -> new ByteArraySerializer().serialize(topic, (byte[]) value),
            (topic, value) -> new ByteArraySerializer().serialize(topic, (byte[]) value));
    static final CdcProperties PROPERTIES = new CdcProperties(".*", ".*", "-dlt", Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5));
    final DeadLetterPublisher deadLetters = new DeadLetterPublisher(new KafkaTemplate<>(() -> producer),
            new KafkaAdmin(Map.of()) {
                @Override
                public void createOrModifyTopics(org.apache.kafka.clients.admin.NewTopic... topics) {
                }
            }, PROPERTIES);
    final SchemaTracker schemas = new SchemaTracker(new InMemorySchemaBaselines());
    final PipelineMetrics metrics = new PipelineMetrics(registry,
            TableLabelsFixture.of(new MetricsProperties(100)));
    final RulesInForce rules = RuleFixtures.inForce(RulesFixture.rules("""
            dq.tables.public.t.columns.qty.min: 0
            dq.tables.public.t.columns.email: { pattern: '^[^@]+@[^@]+$', pii: hash }
            """));
    final PipelineHealth health = new PipelineHealth(metrics, Clock.systemUTC());
    /** Events the batch path published. */
    final List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    final RecordChecker checker = new RecordChecker(RecordReader.json(new ChangeEventParser()), RuleFixtures.evaluator(rules),
            schemas, rules, RuleFixtures.MASKER, health, new SourceClock(PROPERTIES, Clock.systemUTC()), new TrackedTables(new TablesProperties(1000), rules),
            UnavailableValues.debeziumDefault());
    final BatchEffects effects = new BatchEffects(history, recent, deadLetters, CompletenessFixtures.ledgerOff(),
            AnomalyFixtures.monitor(rules), health, TransactionOperations.withoutTransaction(), published::add);
    final BatchAccounting accounting = new BatchAccounting(new TableStatistics(), metrics,
            RuleMetricsFixture.of(registry), SchemaMetricsFixture.of(registry),
            new PartitionOwnership(metrics, event -> { }), Clock.systemUTC(), IntegrityFixtures.integrity(registry),
            SourceLogFixtures.positions());
    final BatchStorage storage = new BatchStorage(RuleFixtures.limits(rules), table -> false, health, effects,
            accounting);
    final ChangeBatchHandler handler = new ChangeBatchHandler(checker, storage);

    /** A record as the consumer hands it over: its value a view of part of the fetched bytes. */
    static ConsumerRecord<byte[], ByteBuffer> record(long offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] fetched = new byte[bytes.length + 16];
        System.arraycopy(bytes, 0, fetched, 8, bytes.length);
        return new ConsumerRecord<>(TOPIC, 0, offset, null, ByteBuffer.wrap(fetched, 8, bytes.length).slice());
    }

    static String create(long id, int qty) {
        return "{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"t\",\"txId\":" + id + ",\"lsn\":" + id
                + "},\"after\":{\"id\":" + id + ",\"qty\":" + qty + "}}";
    }

    /** Change events processed, as counted. */
    double created() {
        return registry.find("cdc.events").tag("op", "create").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
