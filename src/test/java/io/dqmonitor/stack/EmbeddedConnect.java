package io.dqmonitor.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Kafka Connect worker (distributed mode, one worker) from the Apache {@code connect-runtime} jar, started in this
 * JVM with the Debezium PostgreSQL (3.7) and MariaDB (3.5) connectors, each in its own directory of {@code plugin.path}
 * and so in its own class loader, as a production worker runs them. Connectors are registered through its REST API, the
 * same way a deployment does it, from the JSON files in {@code debezium/}.
 */
final class EmbeddedConnect implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Filled by the build (maven-dependency-plugin, {@code generate-test-resources}): one directory per connector. */
    static final Path PLUGIN_PATH = Path.of("target", "connect-plugins");

    private final Connect<?> connect;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private EmbeddedConnect(Connect<?> connect, int port) {
        this.connect = connect;
        this.port = port;
    }

    static EmbeddedConnect start(String bootstrapServers, int port) {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("group.id", "dq-monitor-connect");
        worker.put("listeners", "http://127.0.0.1:" + port);
        // the worker's defaults, as a plain Connect deployment has them: JSON with schemas
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("config.storage.topic", "connect-configs");
        worker.put("offset.storage.topic", "connect-offsets");
        worker.put("status.storage.topic", "connect-status");
        worker.put("config.storage.replication.factor", "1");
        worker.put("offset.storage.replication.factor", "1");
        worker.put("offset.storage.partitions", "1");
        worker.put("status.storage.replication.factor", "1");
        worker.put("status.storage.partitions", "1");
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("plugin.discovery", "service_load");
        if (!Files.isDirectory(PLUGIN_PATH)) {
            throw new IllegalStateException(PLUGIN_PATH + " is missing: the build fills it (./mvnw test-compile)");
        }
        ConverterManifest.write(PLUGIN_PATH.resolve("apicurio-registry-converter"), AvroConverters.CONVERTER);
        worker.put("plugin.path", PLUGIN_PATH.toAbsolutePath().toString());
        // stopping the stack should not wait long for a task whose database is going away too
        worker.put("task.shutdown.graceful.timeout.ms", "2000");
        withoutConnectShutdownHook();
        Connect<?> connect = new ConnectDistributed().startConnect(worker);
        return new EmbeddedConnect(connect, port);
    }

    /**
     * Connect registers a JVM shutdown hook of its own (through Kafka's {@code Exit}, which wraps it in a new thread).
     * Racing with the stack's ordered shutdown it would still be stopping while Kafka goes away (its stop() lets a
     * second caller through at once), retry for half a minute and hold the JVM's exit. The stack stops Connect
     * itself, before Kafka, so that hook is never added; every other hook is.
     */
    private static void withoutConnectShutdownHook() {
        Exit.setShutdownHookAdder((name, hook) -> {
            if (!"connect-shutdown-hook".equals(name)) {
                Runtime.getRuntime().addShutdownHook(new Thread(hook, name));
            }
        });
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Registers (or updates) the connector described by a {@code {name, config}} file, with some settings replaced. */
    String register(Path connectorFile, Map<String, String> overrides) throws IOException {
        return register(connectorFile, JSON.readTree(connectorFile.toFile()).path("name").asString(), overrides);
    }

    /** As {@link #register(Path, Map)}, as a connector of another name: a second one from the same file. */
    String register(Path connectorFile, String name, Map<String, String> overrides) throws IOException {
        JsonNode file = JSON.readTree(connectorFile.toFile());
        Map<String, String> config = new LinkedHashMap<>();
        file.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asString()));
        config.putAll(overrides);
        HttpRequest put = HttpRequest.newBuilder(URI.create(url() + "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build();
        // the worker answers 409 while it is still joining its group; any other refusal is the config's fault
        String[] refusal = {"no answer"};
        try {
            Awaitility.await("Kafka Connect accepting connector " + name).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
                        refusal[0] = response.statusCode() + " " + response.body();
                        return response.statusCode() / 100 == 2;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Kafka Connect refused connector " + name + ": " + refusal[0], e);
        }
        return name;
    }

    /** Waits until the connector and its task run; fails at once with Connect's trace if either failed. */
    void awaitRunning(String name) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(url() + "/connectors/" + name + "/status")).build();
        Awaitility.await("connector " + name + " running").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    JsonNode status = JSON.readTree(response.body());
                    if (response.body().contains("\"FAILED\"")) {
                        throw new IllegalStateException("connector " + name + " failed: " + response.body());
                    }
                    JsonNode task = status.path("tasks").path(0);
                    return "RUNNING".equals(status.path("connector").path("state").asString())
                            && "RUNNING".equals(task.path("state").asString());
                });
    }

    @Override
    public void close() {
        // a worker whose task is still reading the replication stream can take half a minute to stop; the stack
        // goes on after a bounded wait, and the JVM's exit ends what is left
        Thread stop = new Thread(() -> {
            connect.stop();
            connect.awaitStop();
        }, "embedded-connect-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop.isAlive()) {
            throw new IllegalStateException("Kafka Connect did not stop within 10 s; going on without waiting");
        }
    }
}
