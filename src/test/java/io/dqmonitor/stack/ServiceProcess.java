package io.dqmonitor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dqmonitor.system.PipelineClient;
import io.dqmonitor.system.TestUsers;
import org.awaitility.Awaitility;

/**
 * dq-monitor as its own operating-system process, started from the jar {@code ./mvnw package} builds, so that a test
 * can kill it the way an operator or the kernel does ({@code kill -9}) or stop it with {@code SIGTERM}, and so that a
 * benchmark measures it in a JVM of its own with the memory it gets in production.
 */
public final class ServiceProcess {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service against the stack with extra {@code --key=value} settings, and waits until it is ready. */
    public static ServiceProcess start(EmbeddedStack stack, String name, Map<String, String> settings) throws IOException {
        return start(stack, name, List.of("-Xmx512m"), settings);
    }

    /** As {@link #start(EmbeddedStack, String, Map)}, with these options for the JVM. */
    public static ServiceProcess start(EmbeddedStack stack, String name, List<String> jvmOptions,
            Map<String, String> settings) throws IOException {
        ServiceProcess service = launch(stack, name, jvmOptions, settings);
        service.awaitReady();
        return service;
    }

    /** As {@link #start(EmbeddedStack, String, Map)}, on a port chosen beforehand (a scrape target, say). */
    public static ServiceProcess start(EmbeddedStack stack, String name, int port, Map<String, String> settings)
            throws IOException {
        ServiceProcess service = launch(stack, name, port, List.of("-Xmx512m"), settings);
        service.awaitReady();
        return service;
    }

    /** Starts the process and returns at once: it consumes as soon as Spring has started its listener. */
    public static ServiceProcess launch(EmbeddedStack stack, String name, List<String> jvmOptions,
            Map<String, String> settings) throws IOException {
        return launch(stack, name, Ports.free(), jvmOptions, settings);
    }

    /** As {@link #launch(EmbeddedStack, String, List, Map)}, from another jar (an earlier build, for a benchmark). */
    public static ServiceProcess launch(EmbeddedStack stack, String name, Path jar, List<String> jvmOptions,
            Map<String, String> settings) throws IOException {
        return launch(stack, name, Ports.free(), jar, jvmOptions, settings);
    }

    private static ServiceProcess launch(EmbeddedStack stack, String name, int port, List<String> jvmOptions,
            Map<String, String> settings) throws IOException {
        return launch(stack, name, port, jar(), jvmOptions, settings);
    }

    /**
     * As {@link #launch(EmbeddedStack, String, Path, List, Map)}, with another {@code java} (a JDK of the image's
     * version, for a benchmark); a null jar is this build.
     */
    public static ServiceProcess launch(EmbeddedStack stack, String name, String java, Path jar,
            List<String> jvmOptions, Map<String, String> settings) throws IOException {
        return launch(stack, name, Ports.free(), java, jar == null ? jar() : jar, jvmOptions, settings);
    }

    private static ServiceProcess launch(EmbeddedStack stack, String name, int port, Path jar, List<String> jvmOptions,
            Map<String, String> settings) throws IOException {
        return launch(stack, name, port, ProcessHandle.current().info().command().orElse("java"), jar, jvmOptions,
                settings);
    }

    private static ServiceProcess launch(EmbeddedStack stack, String name, int port, String java, Path jar,
            List<String> jvmOptions, Map<String, String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        stack.springProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        TestUsers.of(TestUsers.TEST).properties().forEach((key, value) -> command.add("--" + key + "=" + value));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return new ServiceProcess(process, port, log);
    }

    /** Waits until readiness is UP (Kafka, Redis, the database and the pipeline). */
    public void awaitReady() {
        Awaitility.await(log.getFileName() + " ready (log in " + log + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("dq-monitor exited with " + process.exitValue() + ", see " + log);
                    }
                    return client(null).get("/actuator/health/readiness").statusCode() == 200;
                });
    }

    /** The packaged application: integration tests and benchmarks run after {@code package}. */
    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("dq-monitor-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no target/dq-monitor-*.jar: build it with ./mvnw package"));
        }
    }

    public PipelineClient client(java.sql.Connection db) {
        return new PipelineClient(port, db);
    }

    /** {@code kill -9}: no shutdown hook, no commit, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** {@code SIGTERM}, as a container runtime sends it; returns the exit code once the process has ended. */
    public int terminate(Duration atMost) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("dq-monitor did not stop within " + atMost + " of SIGTERM, see " + log);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }
}
