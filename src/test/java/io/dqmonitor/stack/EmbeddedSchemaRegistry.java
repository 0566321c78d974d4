package io.dqmonitor.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real schema registry: Apicurio Registry 2.4 with its in-memory storage, in a JVM of its own, from the runner jar
 * that the build makes of {@code schema-registry/pom.xml}. It serves Apicurio's own API ({@code /apis/registry/v2})
 * and Confluent's ({@code /apis/ccompat/v6}), so the Connect converter may write either framing.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    static final Path RUNNER = Path.of("target", "schema-registry", "target",
            "dq-monitor-schema-registry-1-runner.jar");

    private final Process process;
    private final int port;

    private EmbeddedSchemaRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the registry on {@code port} with its log in {@code log}, and waits until it answers. */
    public static EmbeddedSchemaRegistry start(int port, Path log) throws IOException {
        Ports.requireFree(port, "the schema registry", "--stack.registry-port");
        if (!Files.isRegularFile(RUNNER)) {
            throw new IllegalStateException(RUNNER + " is missing: ./mvnw test-compile builds it");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", RUNNER.toAbsolutePath().toString()));
        builder.environment().putAll(Map.of("HTTP_PORT", Integer.toString(port), "QUARKUS_HTTP_HOST", "127.0.0.1",
                "LOG_LEVEL", "WARN"));
        Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                log.toFile())).start();
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(process, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ServerTools.awaitReady("the schema registry", process, log, () -> {
            try {
                HttpRequest ready = HttpRequest.newBuilder(URI.create(registry.url() + "/health/ready")).build();
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return registry;
    }

    /** The registry's root; Apicurio's API is under {@code /apis/registry/v2}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Confluent's API, as a Confluent client is pointed at it. */
    public String confluentUrl() {
        return url() + "/apis/ccompat/v6";
    }

    /** Stops the registry's process where it is (SIGSTOP): it accepts connections and answers nothing, as a hung one. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen registry go on (SIGCONT), with everything it held. */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
