package io.dqmonitor.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dqmonitor.PipelineClient;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.Ports;
import org.awaitility.Awaitility;

/**
 * dq-monitor as its own operating-system process, started from the jar {@code ./mvnw package} builds, so that a test
 * can kill it the way an operator or the kernel does ({@code kill -9}) or stop it with {@code SIGTERM}.
 */
final class ServiceProcess {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service against the stack with extra {@code --key=value} settings, and waits until it is ready. */
    static ServiceProcess start(EmbeddedStack stack, String name, Map<String, String> settings) throws IOException {
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-jar", jar().toString(), "--server.port=" + port));
        stack.springProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        Awaitility.await(name + " ready (log in " + log + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
                    }
                    return service.client(null).get("/actuator/health/readiness").statusCode() == 200;
                });
        return service;
    }

    /** The packaged application; integration tests run after {@code package}, so it is there. */
    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("dq-monitor-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no target/dq-monitor-*.jar: run the integration tests with ./mvnw verify"));
        }
    }

    PipelineClient client(java.sql.Connection db) {
        return new PipelineClient(port, db);
    }

    /** {@code kill -9}: no shutdown hook, no commit, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** {@code SIGTERM}, as a container runtime sends it; returns the exit code once the process has ended. */
    int terminate(Duration atMost) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("dq-monitor did not stop within " + atMost + " of SIGTERM, see " + log);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }
}
