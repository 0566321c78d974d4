package io.dqmonitor.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.dqmonitor.tasks.BackgroundTasksFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

/** The watch's reading of Connect's status document; a real worker's is read in the pipeline tests. */
class ConnectWatchTest {

    private static final String FAILED_TASK = """
            {"pg": {"status": {"name": "pg", "connector": {"state": "RUNNING", "worker_id": "w:8083"},
              "tasks": [{"id": 0, "state": "FAILED", "worker_id": "w:8083",
                         "trace": "org.apache.kafka.connect.errors.ConnectException: must be superuser %s"}],
              "type": "source"}},
             "maria": {"status": {"name": "maria", "connector": {"state": "PAUSED", "worker_id": "w:8083"},
              "tasks": [{"id": 0, "state": "PAUSED", "worker_id": "w:8083"}], "type": "source"}}}
            """.formatted("x".repeat(5000));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<String> body = new AtomicReference<>(FAILED_TASK);
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final HttpServer server = server();
    private final URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

    private HttpServer server() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/connectors", exchange -> {
                authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] answer = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ConnectWatch watch(String user, String password) {
        ConnectProperties properties = new ConnectProperties(List.of(url), user, password, Duration.ofSeconds(15),
                Duration.ofSeconds(2), 100);
        return new ConnectWatch(properties, JsonMapper.builder().build(), new ConnectMetrics(registry),
                BackgroundTasksFixture.tasks(registry, Clock.systemUTC()));
    }

    @Test
    void eachConnectorAndTaskHasOneForItsStateAndZeroForTheOthers() {
        ConnectWatch watch = watch(null, null);
        watch.pollAll();
        String connect = "127.0.0.1:" + url.getPort();
        assertThat(registry.scrape())
                .contains("cdc_connect_up{connect=\"" + connect + "\"} 1.0")
                .contains("cdc_connector_state{connect=\"" + connect + "\",connector=\"pg\",state=\"RUNNING\"} 1.0")
                .contains("cdc_connector_state{connect=\"" + connect + "\",connector=\"maria\",state=\"RUNNING\"} 0.0")
                .contains("cdc_connector_task_state{connect=\"" + connect
                        + "\",connector=\"pg\",state=\"FAILED\",task=\"0\"} 1.0");
        assertThat(authorization.get()).isNull();
    }

    @Test
    void aFailedTaskMakesTheHealthDownWithItsTraceShortened() {
        ConnectWatch watch = watch("reader", "secret");
        watch.pollAll();
        var health = new ConnectHealth(watch).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        String details = health.getDetails().toString();
        assertThat(details).contains("must be superuser").contains("characters)").hasSizeLessThan(2000);
        assertThat(authorization.get()).startsWith("Basic ");
    }

    @Test
    void aShortenedTraceKeepsEveryCauseAndLeavesOutTheFrames() {
        String trace = """
                io.debezium.DebeziumException: Creation of replication slot failed
                	at io.debezium.connector.postgresql.PostgresConnectorTask.tryToCreateSlot(PostgresConnectorTask.java:329)
                	at org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:298)
                Caused by: org.postgresql.util.PSQLException: FATAL: permission denied to start WAL sender
                  Detail: Only roles with the REPLICATION attribute may start a WAL sender process.
                	at org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2993)
                	... 13 common frames omitted
                """;
        assertThat(ConnectorStatus.causes(trace)).isEqualTo("""
                io.debezium.DebeziumException: Creation of replication slot failed
                Caused by: org.postgresql.util.PSQLException: FATAL: permission denied to start WAL sender
                Detail: Only roles with the REPLICATION attribute may start a WAL sender process.""");
    }

    @Test
    void aConnectorNoLongerListedLosesItsSeries() {
        ConnectWatch watch = watch(null, null);
        watch.pollAll();
        body.set("{}");
        watch.pollAll();
        assertThat(registry.scrape()).doesNotContain("connector=\"pg\"");
    }

    @Test
    void aWorkerThatDoesNotAnswerIsDownAndFailsTheRun() {
        ConnectWatch watch = watch(null, null);
        server.stop(0);
        assertThatThrownBy(watch::pollAll).hasMessageContaining("did not answer");
        assertThat(registry.scrape()).contains("cdc_connect_up{connect=\"127.0.0.1:" + url.getPort() + "\"} 0.0");
        assertThat(new ConnectHealth(watch).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ConnectProperties(List.of(URI.create("ftp://x:1")), null, null,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1)).hasMessageContaining("dq.connect.urls[0]");
    }
}
