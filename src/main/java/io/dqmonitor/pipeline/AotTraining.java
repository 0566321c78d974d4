package io.dqmonitor.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.history.ViolationLog;
import io.dqmonitor.recent.RecentChangesStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training run of the image's AOT cache (JDK 25): with the profile {@code aot-training} and
 * {@code -Dspring.context.exit=onRefresh}, the application creates its beans, runs the consumption path over the
 * captured records that ship with it ({@code aot-training/*.jsonl}: Debezium 3.7 records of
 * {@code public.user_activities}, creates, updates, deletes, a snapshot read, a tombstone) and exits before it
 * connects to anything. The path run: decoding and parsing, the rules, masking, the change's identity, and the
 * arguments the history and the recent-changes list are stored with; only the statements themselves are not sent.
 * The JVM records which classes it loaded and how the hot methods were used, and a process started with the cache
 * skips that work. No Kafka, database or Redis is needed, so the image's build runs it.
 */
@Component
@Profile("aot-training")
class AotTraining implements SmartInitializingSingleton {

    static final String RECORDS = "aot-training/user-activities.jsonl";
    private static final Logger log = LoggerFactory.getLogger(AotTraining.class);
    private static final int BATCH = 2_000;

    private final RecordChecker checker;
    private final RecentChangesStore recent;
    private final JsonMapper json;
    private final Environment environment;
    private final long records;

    AotTraining(RecordChecker checker, RecentChangesStore recent, JsonMapper json, Environment environment,
            @Value("${dq.aot-training.records:200000}") long records) {
        this.checker = checker;
        this.recent = recent;
        this.json = json;
        this.environment = environment;
        this.records = records;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // the profile turns off what the training cannot reach, security among it: it must never serve
        if (!"onRefresh".equals(environment.getProperty("spring.context.exit"))) {
            throw new IllegalStateException("the profile aot-training builds the AOT cache and serves nothing: run it "
                    + "with -Dspring.context.exit=onRefresh");
        }
        List<ConsumerRecord<byte[], ByteBuffer>> captured = captured();
        long start = System.nanoTime();
        long rows = 0;
        List<ConsumerRecord<byte[], ByteBuffer>> batch = new ArrayList<>(BATCH);
        for (long offset = 0; offset < records; offset++) {
            ConsumerRecord<byte[], ByteBuffer> record = captured.get((int) (offset % captured.size()));
            batch.add(new ConsumerRecord<>(record.topic(), 0, offset, record.key(),
                    record.value() == null ? null : record.value().duplicate()));
            if (batch.size() == BATCH || offset == records - 1) {
                rows += run(batch);
                batch.clear();
            }
        }
        log.info("AOT training: {} records, {} history rows and recent-change entries, in {} ms", records, rows,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Runs one batch; returns the rows and entries it would store, so that none of the work can be left out. */
    private long run(List<ConsumerRecord<byte[], ByteBuffer>> records) {
        List<CheckedBatch.Checked> events = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], ByteBuffer> record : records) {
            CheckedBatch.Checked checked = checker.checkAlone(record);
            if (checked != null) {
                events.add(checked);
            }
        }
        CheckedBatch batch = new CheckedBatch(events, List.of(), List.of());
        return ViolationLog.rows(batch.historyEntries()).violations().size()
                + (long) recent.entries(batch.recentChanges()).size();
    }

    private List<ConsumerRecord<byte[], ByteBuffer>> captured() {
        List<ConsumerRecord<byte[], ByteBuffer>> captured = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new ClassPathResource(RECORDS).getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode record = json.readTree(line);
                captured.add(new ConsumerRecord<>(record.path("topic").asString(), 0, captured.size(),
                        bytes(record.path("key")), record.path("value").isNull() ? null
                                : ByteBuffer.wrap(bytes(record.path("value")))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return captured;
    }

    private byte[] bytes(JsonNode node) {
        return node.isNull() ? null : json.writeValueAsBytes(node);
    }
}
