package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.ServiceProcess;
import io.dqmonitor.stack.SharedStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dq-monitor stopped in the middle of a batch, as its own process: the batch is held at its table limits' windows in
 * Redis ({@code CLIENT PAUSE WRITE}), nothing of it stored, its offsets not committed. Then the process is killed with
 * {@code kill -9}, or sent {@code SIGTERM}, and a new one takes over the consumer group. Every row's effects must be
 * there exactly once: the history keyed by source position, the Redis list by position, the offsets re-read.
 */
class CrashIT {

    private static final EmbeddedStack STACK = SharedStack.get();
    private static final int ROWS = 50;

    private final String group = "dq-monitor-crash-" + UUID.randomUUID();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<ServiceProcess> started = new ArrayList<>();
    private final String marker = "crash-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void configure() {
        settings.put("spring.kafka.consumer.group-id", group);
        // a new group starts at the end of the topics: only the rows of this test are its work
        settings.put("spring.kafka.consumer.auto-offset-reset", "latest");
        settings.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
        settings.put("dq.recent.key", "recent_changes_" + group);
        settings.put("dq.completeness.enabled", "false");
        // the held-back Redis write waits instead of failing, so the process dies inside it
        settings.put("spring.data.redis.timeout", "60s");
        // the broker hands a killed member's partitions on after this long (the default is 45 s)
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
    }

    @AfterEach
    void stopEverything() throws Exception {
        STACK.redis().command("CLIENT", "UNPAUSE");
        for (ServiceProcess service : started) {
            if (service.isAlive()) {
                service.kill();
            }
        }
    }

    @Test
    void killedWithSigkillMidBatchTheNextProcessStoresEveryRowOnce() throws Exception {
        ServiceProcess first = start("crash-kill-first");
        List<Long> ids = writeRowsAndHoldTheBatchMidway(first);
        first.kill();
        STACK.redis().command("CLIENT", "UNPAUSE");

        PrometheusScrape scrape = assertEveryRowStoredOnceBy(start("crash-kill-second"), ids);
        assertThat(scrape.value("cdc_events_total{op=\"create\",table=\"public.user_activities\"}"))
                .as("the uncommitted batch was read again by the new process").isGreaterThanOrEqualTo(ROWS);
    }

    @Test
    void stoppedWithSigtermMidBatchItExitsAndTheNextProcessStoresEveryRowOnce() throws Exception {
        ServiceProcess first = start("crash-term-first");
        List<Long> ids = writeRowsAndHoldTheBatchMidway(first);
        Thread unpause = new Thread(() -> {
            // Redis comes back while the service is shutting down: the batch may finish or be abandoned, not half-done
            Awaitility.await("the shutdown begun").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(first.log()).contains("Commencing graceful shutdown"));
            try {
                STACK.redis().command("CLIENT", "UNPAUSE");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        unpause.start();
        int exit = first.terminate(Duration.ofSeconds(90));
        unpause.join();
        assertThat(exit).as("exit code after SIGTERM, see " + first.log()).isIn(0, 143);
        // finished and committed, or abandoned and read again by the next process: either way each row once

        assertEveryRowStoredOnceBy(start("crash-term-second"), ids);
    }

    private ServiceProcess start(String name) throws Exception {
        ServiceProcess service = ServiceProcess.start(STACK, name, settings);
        started.add(service);
        try (PipelineClient client = service.client(STACK.connect())) {
            Awaitility.await(name + " assigned at the end of the topics").atMost(Duration.ofSeconds(90))
                    .until(() -> client.processesASentinelWithin(Duration.ofSeconds(3)));
        }
        return service;
    }

    /**
     * Writes the rows in one transaction and waits until the first batch holding some of them is fetched while Redis
     * holds its writes back: the process is then inside that batch, with its offsets not committed.
     */
    private List<Long> writeRowsAndHoldTheBatchMidway(ServiceProcess service) throws Exception {
        String listLength = STACK.redis().command("LLEN", settings.get("dq.recent.key"));
        assertThat(STACK.redis().command("CLIENT", "PAUSE", "120000", "WRITE")).isEqualTo("+OK");
        List<Long> ids = new ArrayList<>();
        try (PipelineClient client = service.client(STACK.connect())) {
            double fetched = consumed(client);
            client.execute("BEGIN");
            for (int i = 0; i < ROWS; i++) {
                ids.add(client.insert(7000L + i, "purchase", "-1.00", marker + "-" + i + "@example.com"));
            }
            client.execute("COMMIT");
            // the table has limits: the first batch with some of the rows is held at its windows in Redis, before
            // anything of it is stored, and the consumer fetches nothing more while it waits
            Awaitility.await("rows fetched, their batch held at Redis").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> consumed(client) > fetched);
            // asked on a connection of its own: the service's connection waits behind its held-back write
            assertThat(STACK.redis().command("LLEN", settings.get("dq.recent.key"))).as("nothing added to Redis yet")
                    .isEqualTo(listLength);
        }
        return ids;
    }

    /** Records the service's consumer has fetched, from the Kafka client's own metric. */
    private static double consumed(PipelineClient client) throws Exception {
        return client.scrape().samples().entrySet().stream()
                .filter(e -> e.getKey().startsWith("kafka_consumer_fetch_manager_records_consumed_total{")
                        && !e.getKey().contains("topic="))
                .mapToDouble(java.util.Map.Entry::getValue).sum();
    }

    private PrometheusScrape assertEveryRowStoredOnceBy(ServiceProcess service, List<Long> ids) throws Exception {
        try (PipelineClient client = service.client(STACK.connect())) {
            PrometheusScrape scrape = client.awaitProcessed();
            StoredOnce.assertEachRowStoredOnce(client, marker + "-", ids);
            return scrape;
        }
    }
}
