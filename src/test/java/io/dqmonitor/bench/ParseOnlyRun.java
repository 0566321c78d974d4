package io.dqmonitor.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.ShippedRules;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An upper bound for any monitor: a plain consumer in a JVM of its own that only parses each record with dq-monitor's
 * parser and checks it against the shipped rules, storing and committing nothing. dq-monitor cannot be faster than
 * this on the same machine; how far this is below {@code ConsumerPerformance} is what parsing and checking alone cost.
 */
final class ParseOnlyRun {

    private static final Pattern RESULT = Pattern.compile("parse-only: (\\d+) records, (\\d+) events in (\\d+) ns");

    private ParseOnlyRun() {
    }

    /** Records per second, from partition assigned (no group join) to the last record parsed and checked. */
    static double run(String bootstrapServers, long records) throws IOException, InterruptedException {
        String output = Bench.runJava(Bench.serviceJvmOptions(), ParseOnlyRun.class.getName(), bootstrapServers,
                Long.toString(records));
        Matcher matcher = RESULT.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no figures in the output of the parse-only consumer:\n" + output);
        }
        return Long.parseLong(matcher.group(1)) / (Long.parseLong(matcher.group(3)) / 1e9);
    }

    public static void main(String[] args) {
        long records = Long.parseLong(args[1]);
        ChangeEventParser parser = new ChangeEventParser();
        RuleEvaluator evaluator = ShippedRules.evaluator();
        // dq-monitor's own fetch and batch sizes (application.yml)
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4194304);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // Bench.TOPIC has one partition; assigning it directly leaves out a group join, as the other figures do
            consumer.assign(List.of(Bench.PARTITION));
            consumer.seekToBeginning(List.of(Bench.PARTITION));
            long read = 0;
            long events = 0;
            long start = System.nanoTime();
            while (read < records) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (parser.parse(record.key(), record.value()) instanceof ParsedRecord.Event e
                            && evaluator.evaluate(e.event()) != null) {
                        events++;
                    }
                    read++;
                }
            }
            System.out.printf("parse-only: %d records, %d events in %d ns%n", read, events, System.nanoTime() - start);
        }
    }
}
