package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.dqmonitor.stack.EmbeddedSchemaRegistry;
import io.dqmonitor.stack.Kafka;
import io.dqmonitor.stack.SharedStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A hung schema registry on real parts: a service that has not yet fetched the Avro topic's schemas starts reading
 * while the registry is frozen. Its batch must wait visibly (readiness DOWN naming the registry, counted) and go on
 * by itself once the registry answers, with nothing dead-lettered.
 */
@TestPropertySource(properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.consumer.group-id=dq-registry-outage",
        "dq.cdc.topic-pattern=monitoring_avro\\..*",
        "dq.registry.timeout=1s",
        "dq.cdc.retry-max-interval=2s"})
class RegistryOutageIT extends StackIntegrationTest {

    private static final String LISTENER = "dq-monitor-cdc";
    private static final String TOPIC = "monitoring_avro.public.user_activities";

    @DynamicPropertySource
    static void readTheAvroTopics(DynamicPropertyRegistry properties) {
        EmbeddedSchemaRegistry registry = SharedStack.withAvro();
        properties.add("dq.registry.url", registry::confluentUrl);
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aFrozenRegistryHoldsTheBatchVisiblyUntilItAnswersAgain() throws Exception {
        EmbeddedSchemaRegistry registry = SharedStack.withAvro();
        int written = Kafka.records(STACK.bootstrapServers(), TOPIC).size();
        client.insert(71L, "login", "3.50", "ann@example.com");
        // the connector registers the row's schema as it writes it: the registry is frozen only once it has
        Awaitility.await("the row on " + TOPIC).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Kafka.records(STACK.bootstrapServers(), TOPIC).size() > written);
        PrometheusScrape before = client.scrape();
        registry.freeze();
        try {
            listeners.getListenerContainer(LISTENER).start();
            Awaitility.await("readiness down, naming the registry").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> client.get("/actuator/health/readiness")
                            .statusCode() == 503 && "registry".equals(PipelineClient.JSON.readTree(
                            client.get("/actuator/health").body()).path("components").path("pipeline").path("details").path("stage").asString()));
            assertThat(client.scrape().growthSince(before, "dq_batch_failures_total"))
                    .containsKey("dq_batch_failures_total{stage=\"registry\"}");
        } finally {
            registry.thaw();
        }
        PrometheusScrape after = client.awaitProcessed();
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).isEmpty();
        assertThat(after.growthSince(before, "dq_registry_schema_fetches_total"))
                .containsKey("dq_registry_schema_fetches_total{outcome=\"found\",registry=\"default\"}");
    }
}
