package io.dqmonitor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.formats.RecordReader;
import io.dqmonitor.formats.RegistryProperties;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.ShippedRules;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * Two readers in a JVM of their own, each a plain {@link KafkaConsumer} with dq-monitor's client settings and JVM
 * options, storing and committing nothing, with the partition assigned directly (no group join):
 * <ul>
 * <li>{@link Mode#BYTES}: reads every byte of every value once. The fair limit for dq-monitor: what any consumer with
 * its settings needs just to look at each record ({@code ConsumerPerformance} touches no value bytes).</li>
 * <li>{@link Mode#PARSE}: reads each record with dq-monitor's reader (decoded through the registry when it is Avro,
 * then parsed) and checks it against the shipped rules, the least any monitor must do.</li>
 * </ul>
 * Each prints its rate and the CPU its process spent a record while reading (its own start and JIT warm-up before the
 * first poll left out, the compiling during the read included), and both over the second half of the records, when
 * its code is compiled: the warm figures dq-monitor's own second half is compared with.
 */
final class ReaderRun {

    enum Mode { BYTES, PARSE }

    private static final Pattern RESULT = Pattern.compile("reader: (\\d+) records, (-?\\d+) checked in (\\d+) ns, "
            + "(\\d+) ns of CPU; second half: (\\d+) records in (\\d+) ns, (\\d+) ns of CPU");

    /**
     * Records per second, from partition assigned to the last record read, and microseconds of CPU a record; and the
     * same over the second half of the records, when the reader's code is compiled.
     */
    record Rate(double recordsPerSecond, double cpuMicrosPerRecord, double secondHalfRecordsPerSecond,
            double secondHalfCpuMicrosPerRecord) {
    }

    /** dq-monitor's own fetch, batch and socket settings (application.yml); its deserializers are below. */
    static final Map<String, Object> SERVICE_CLIENT = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4194304,
            ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4194304);

    private ReaderRun() {
    }

    /** Reads {@code records} of {@code format}'s topic; {@code registryUrl} is needed for Avro. */
    static Rate run(Mode mode, TopicFormat format, String bootstrapServers, String registryUrl, long records)
            throws IOException, InterruptedException {
        // dq-monitor's JVM and options, but not its AOT cache, which is of its own class path
        List<String> options = Bench.serviceJvmOptions().stream().filter(o -> !o.startsWith("-XX:AOTCache")).toList();
        String output = Bench.runJava(options, ReaderRun.class.getName(), mode.name(),
                bootstrapServers, Long.toString(records), format.name(), registryUrl);
        Matcher matcher = RESULT.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no figures in the output of the " + mode + " reader:\n" + output);
        }
        long read = Long.parseLong(matcher.group(1));
        long half = Long.parseLong(matcher.group(5));
        return new Rate(read / (Long.parseLong(matcher.group(3)) / 1e9), Long.parseLong(matcher.group(4)) / 1e3 / read,
                half / (Long.parseLong(matcher.group(6)) / 1e9), Long.parseLong(matcher.group(7)) / 1e3 / half);
    }

    public static void main(String[] args) {
        Mode mode = Mode.valueOf(args[0]);
        long records = Long.parseLong(args[2]);
        TopicPartition partition = TopicFormat.valueOf(args[3]).partition();
        RecordReader reader = args[4].isBlank() ? RecordReader.json(new ChangeEventParser())
                : RecordReader.withRegistry(new RegistryProperties(args[4], null, null, null, null, null,
                        Duration.ofSeconds(5), 10_000, 64L << 20), new ChangeEventParser());
        RuleEvaluator evaluator = ShippedRules.evaluator();
        Map<String, Object> config = new java.util.HashMap<>(SERVICE_CLIENT);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        // values as views of the fetched bytes, as dq-monitor reads them
        try (KafkaConsumer<byte[], ByteBuffer> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteBufferDeserializer())) {
            // the topic has one partition; assigning it directly leaves out a group join, as the other figures do
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long read = 0;
            long checked = 0;
            long start = System.nanoTime();
            long cpuAtStart = cpuNanos();
            long readAtHalf = -1;
            long half = 0;
            long cpuAtHalf = 0;
            while (read < records) {
                for (ConsumerRecord<byte[], ByteBuffer> record : consumer.poll(Duration.ofSeconds(1))) {
                    checked += mode == Mode.BYTES ? sum(record.value()) : readAndCheck(reader, evaluator, record);
                    read++;
                }
                if (readAtHalf < 0 && read >= records / 2) {
                    readAtHalf = read;
                    half = System.nanoTime();
                    cpuAtHalf = cpuNanos();
                }
            }
            long end = System.nanoTime();
            long cpuAtEnd = cpuNanos();
            // printed, so that no work above can be left out by the compiler
            System.out.printf("reader: %d records, %d checked in %d ns, %d ns of CPU; second half: %d records in %d ns,"
                    + " %d ns of CPU%n", read, checked, end - start, cpuAtEnd - cpuAtStart, read - readAtHalf,
                    end - half, cpuAtEnd - cpuAtHalf);
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

    private static long readAndCheck(RecordReader reader, RuleEvaluator evaluator,
            ConsumerRecord<byte[], ByteBuffer> record) {
        return reader.read(record.topic(), record.headers(), record.key(), record.value()) instanceof ParsedRecord.Event e
                && evaluator.evaluate(e.event()) != null ? 1 : 0;
    }

    /** The CPU this process has used, all its threads. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
