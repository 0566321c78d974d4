package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/** The consumer's health and its meters, whose names the alert {@code DqConsumerStopped} reads. */
class ConsumerHealthTest {

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);
    private final ConsumerHealth health = new ConsumerHealth(registry, meters);

    @Test
    void aRunningContainerIsUp() {
        running(true, true);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meters.scrape()).contains("dq_consumer_running 1.0");
    }

    @Test
    void aStoppedContainerIsDown() {
        running(false, true);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("running", false);
        assertThat(meters.scrape()).contains("dq_consumer_running 0.0");
    }

    @Test
    void aContainerWhoseConsumerDiedOfAnErrorIsDownThoughItStillSaysRunning() {
        running(true, false);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(meters.scrape()).contains("dq_consumer_running 0.0");
    }

    @Test
    void noContainerAtAllIsDown() {
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("state", "absent");
    }

    @Test
    void stopsAreCountedByReasonFromZero() {
        assertThat(meters.scrape()).contains("dq_consumer_stops_total{reason=\"error\"} 0.0")
                .contains("dq_consumer_stops_total{reason=\"abnormal\"} 0.0")
                .contains("# HELP dq_consumer_running ");

        health.onStopped(new ConsumerStoppedEvent(this, container, ConsumerStoppedEvent.Reason.ERROR));

        assertThat(meters.scrape()).contains("dq_consumer_stops_total{reason=\"error\"} 1.0");
    }

    private void running(boolean running, boolean expected) {
        when(registry.getListenerContainer(ConsumerHealth.LISTENER_ID)).thenReturn(container);
        when(container.isRunning()).thenReturn(running);
        when(container.isInExpectedState()).thenReturn(expected);
    }
}
