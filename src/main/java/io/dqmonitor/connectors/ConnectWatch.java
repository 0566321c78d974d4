package io.dqmonitor.connectors;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.tasks.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls each configured Connect worker for its connectors' states (the background task {@code connect}). A worker
 * that does not answer is {@code cdc_connect_up 0} and fails the run, which the next run repeats; a connector or task
 * that turns FAILED is logged once, with its trace shortened.
 */
@Component
class ConnectWatch {

    private static final Logger log = LoggerFactory.getLogger(ConnectWatch.class);

    /** What the last poll of a worker found: its connectors, or why it could not be read. */
    record Polled(List<ConnectorStatus> connectors, String error) {
    }

    private final ConnectProperties properties;
    private final ConnectClient client;
    private final ConnectMetrics metrics;
    private final Map<String, Polled> latest = new ConcurrentHashMap<>();

    ConnectWatch(ConnectProperties properties, JsonMapper json, ConnectMetrics metrics, BackgroundTasks tasks) {
        this.properties = properties;
        this.client = new ConnectClient(json, properties.timeout(), properties.username(), properties.password());
        this.metrics = metrics;
        properties.urls().forEach(url -> metrics.up(label(url), false));
        if (!properties.urls().isEmpty()) {
            tasks.register("connect", Duration.ZERO, properties.interval(), this::pollAll);
        }
    }

    /** The {@code connect} label of a worker: its host and port, never its credentials or path. */
    static String label(URI url) {
        return url.getHost() + ":" + (url.getPort() < 0 ? ("https".equals(url.getScheme()) ? 443 : 80)
                : url.getPort());
    }

    void pollAll() {
        List<String> unreachable = new ArrayList<>();
        for (URI url : properties.urls()) {
            String connect = label(url);
            try {
                List<ConnectorStatus> connectors = client.connectors(url, properties.maxConnectors());
                metrics.up(connect, true);
                metrics.connectors(connect, connectors);
                logNewFailures(connect, connectors);
                latest.put(connect, new Polled(connectors, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while polling " + connect, e);
            } catch (Exception e) {
                metrics.up(connect, false);
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                latest.put(connect, new Polled(latest.getOrDefault(connect, new Polled(List.of(), null))
                        .connectors(), error));
                unreachable.add(connect + " (" + error + ")");
            }
        }
        if (!unreachable.isEmpty()) {
            throw new IllegalStateException("Kafka Connect did not answer: " + String.join(", ", unreachable));
        }
    }

    private void logNewFailures(String connect, List<ConnectorStatus> connectors) {
        Map<String, ConnectorStatus> before = new LinkedHashMap<>();
        latest.getOrDefault(connect, new Polled(List.of(), null)).connectors()
                .forEach(c -> before.put(c.name(), c));
        for (ConnectorStatus now : connectors) {
            ConnectorStatus was = before.get(now.name());
            if ("FAILED".equals(now.state()) && (was == null || !"FAILED".equals(was.state()))) {
                log.error("Connector {} on {} FAILED: {}", now.name(), connect, now.trace());
            }
            for (ConnectorStatus.Task task : now.tasks()) {
                boolean failedBefore = was != null && was.tasks().stream()
                        .anyMatch(t -> t.id() == task.id() && Objects.equals(t.state(), "FAILED"));
                if ("FAILED".equals(task.state()) && !failedBefore) {
                    log.error("Task {} of connector {} on {} FAILED: {}", task.id(), now.name(), connect, task.trace());
                }
            }
        }
    }

    /** The latest poll of each worker, by its label. */
    Map<String, Polled> latest() {
        return Map.copyOf(latest);
    }
}
