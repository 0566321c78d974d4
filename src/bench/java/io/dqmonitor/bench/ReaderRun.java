package io.dqmonitor.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * Two readers in a JVM of their own, each a plain {@link KafkaConsumer} with dq-monitor's client settings and JVM
 * options, storing and committing nothing, with the partition assigned directly (no group join):
 * <ul>
 * <li>{@link Mode#BYTES}: reads every byte of every value once. The fair limit for dq-monitor: what any consumer with
 * its settings needs just to look at each record ({@code ConsumerPerformance} touches no value bytes).</li>
 * <li>{@link Mode#PARSE}: parses each record with dq-monitor's parser and checks it against the shipped rules, the
 * least any monitor must do.</li>
 * </ul>
 */
final class ReaderRun {

    enum Mode { BYTES, PARSE }

    private static final Pattern RESULT = Pattern.compile("reader: (\\d+) records, (-?\\d+) checked in (\\d+) ns");

    /** dq-monitor's own fetch, batch and socket settings (application.yml); its deserializers are below. */
    static final Map<String, Object> SERVICE_CLIENT = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4194304,
            ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4194304);

    private ReaderRun() {
    }

    /** Records per second, from partition assigned to the last record read. */
    static double run(Mode mode, String bootstrapServers, long records) throws IOException, InterruptedException {
        String output = Bench.runJava(Bench.serviceJvmOptions(), ReaderRun.class.getName(), mode.name(),
                bootstrapServers, Long.toString(records));
        Matcher matcher = RESULT.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no figures in the output of the " + mode + " reader:\n" + output);
        }
        return Long.parseLong(matcher.group(1)) / (Long.parseLong(matcher.group(3)) / 1e9);
    }

    public static void main(String[] args) {
        Mode mode = Mode.valueOf(args[0]);
        long records = Long.parseLong(args[2]);
        ChangeEventParser parser = new ChangeEventParser();
        RuleEvaluator evaluator = ShippedRules.evaluator();
        Map<String, Object> config = new java.util.HashMap<>(SERVICE_CLIENT);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        // values as views of the fetched bytes, as dq-monitor reads them
        try (KafkaConsumer<byte[], ByteBuffer> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteBufferDeserializer())) {
            // Bench.TOPIC has one partition; assigning it directly leaves out a group join, as the other figures do
            consumer.assign(List.of(Bench.PARTITION));
            consumer.seekToBeginning(List.of(Bench.PARTITION));
            long read = 0;
            long checked = 0;
            long start = System.nanoTime();
            while (read < records) {
                for (ConsumerRecord<byte[], ByteBuffer> record : consumer.poll(Duration.ofSeconds(1))) {
                    checked += mode == Mode.BYTES ? sum(record.value()) : parseAndCheck(parser, evaluator, record);
                    read++;
                }
            }
            // printed, so that no work above can be left out by the compiler
            System.out.printf("reader: %d records, %d checked in %d ns%n", read, checked, System.nanoTime() - start);
        }
    }

    private static long sum(ByteBuffer value) {
        long sum = 0;
        if (value != null) {
            for (int i = value.position(); i < value.limit(); i++) {
                sum += value.get(i);
            }
        }
        return sum;
    }

    private static long parseAndCheck(ChangeEventParser parser, RuleEvaluator evaluator,
            ConsumerRecord<byte[], ByteBuffer> record) {
        return parser.parse(record.key(), record.value()) instanceof ParsedRecord.Event e
                && evaluator.evaluate(e.event()) != null ? 1 : 0;
    }
}
