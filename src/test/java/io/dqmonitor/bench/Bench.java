package io.dqmonitor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** What the benchmarks share: their settings, the stack, offsets from Kafka's admin API, and medians. */
final class Bench {

    /** The reference table's topic as the JSON connector writes it. */
    static final String TOPIC = "monitoring_server.public.user_activities";
    static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private Bench() {
    }

    /** A {@code -Dbench.<name>} setting, passed on by the {@code bench} Maven profile. */
    static long setting(String name, long fallback) {
        String value = System.getProperty("bench." + name);
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dbench." + name + " must be a whole number but is '" + value + "'");
        }
    }

    /**
     * The JVM options dq-monitor runs with: {@code -Dbench.service-jvm}, by default the image's (its collector, heap
     * and young generation).
     */
    static List<String> serviceJvmOptions() {
        List<String> options = options("bench.service-jvm");
        return options.isEmpty() ? List.of("-XX:+UseParallelGC", "-Xmx192m", "-XX:NewRatio=1") : options;
    }

    /**
     * The {@code java} that runs dq-monitor and the readers beside it: {@code -Dbench.service-java}, the image's JDK
     * (25) for example, else this JVM's.
     */
    static String serviceJava() {
        String java = System.getProperty("bench.service-java", "").trim();
        return java.isEmpty() ? ProcessHandle.current().info().command().orElse("java") : java;
    }

    /** The jar dq-monitor runs from: {@code -Dbench.service-jar} (the AOT cache's extracted one), else null: this build's. */
    static java.nio.file.Path serviceJar() {
        String jar = System.getProperty("bench.service-jar", "").trim();
        return jar.isEmpty() ? null : java.nio.file.Path.of(jar);
    }

    /** {@code service}, once it is ready. */
    static io.dqmonitor.stack.ServiceProcess ready(io.dqmonitor.stack.ServiceProcess service) {
        service.awaitReady();
        return service;
    }

    /** The words of a system property that holds JVM options; none when it is not set or blank. */
    static List<String> options(String property) {
        return Arrays.stream(System.getProperty(property, "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
    }

    /**
     * Runs a main class of this classpath in a JVM of its own and returns what it printed (stdout and stderr); a
     * non-zero exit is an error that shows the output.
     */
    static String runJava(List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(serviceJava()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mainClass + " failed:\n" + output);
        }
        return output;
    }

    /** The stack with PostgreSQL as durable as in production: every commit waits for its WAL to reach the disk. */
    static EmbeddedStack startStack(String name) throws Exception {
        EmbeddedStack stack = EmbeddedStack.start(Path.of("target", "bench-" + name), EmbeddedStack.StackPorts.random(),
                new EmbeddedStack.Extras(List.of(), Map.of(),
                        Map.of("fsync", "on", "full_page_writes", "on", "synchronous_commit", "on")),
                line -> log("[stack] " + line));
        // Ctrl+C must not leave PostgreSQL (and its data) behind; closing twice does nothing
        onExit(stack::close);
        return stack;
    }

    /** dq-monitor runs as a process of its own: it must end with the benchmark, also on Ctrl+C. */
    static ServiceProcess onExit(ServiceProcess service) {
        onExit(() -> {
            if (service.isAlive()) {
                service.kill();
            }
        });
        return service;
    }

    private interface Closer {
        void close() throws Exception;
    }

    private static void onExit(Closer closer) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                closer.close();
            } catch (Exception e) {
                System.err.println("could not stop: " + e);
            }
        }, "bench-shutdown"));
    }

    static Admin admin(EmbeddedStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    static long endOffset(Admin admin, TopicPartition partition) throws ExecutionException, InterruptedException {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }

    /** The group's committed offset of the partition, or -1 before its first commit. */
    static long committedOffset(Admin admin, String group, TopicPartition partition)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata offset = offsets.get(partition);
        return offset == null ? -1 : offset.offset();
    }

    /** True once a member of the group has been assigned the partition: from then on it fetches. */
    static boolean assigned(Admin admin, String group, TopicPartition partition)
            throws ExecutionException, InterruptedException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
        return description.members().stream()
                .anyMatch(member -> member.assignment().topicPartitions().contains(partition));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** What PromQL's histogram_quantile computes: linear interpolation inside the bucket that holds the rank. */
    static double quantile(Map<Double, Double> cumulative, double q) {
        double total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return lowerBound + (bucket.getKey() - lowerBound) * (inBucket == 0 ? 0 : (rank - lowerCount) / inBucket);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return Double.NaN;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static void sleep(Duration duration) throws InterruptedException {
        // a benchmark paces itself; tests wait with Awaitility instead
        Thread.sleep(duration.toMillis());
    }

    static void log(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }
}
