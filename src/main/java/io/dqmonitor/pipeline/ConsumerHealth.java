package io.dqmonitor.pipeline;

import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * {@code consumer} in {@code /actuator/health} and readiness: whether the listener container that reads the change
 * topics is running. A container that stopped (an {@link Error} from the listener, a fenced or unauthorised
 * consumer, anything) does not restart by itself and reads nothing more, while every other component may look
 * healthy: this is what says so, with {@code dq_consumer_running} and {@code dq_consumer_stops_total}.
 */
@Component("consumer")
class ConsumerHealth implements HealthIndicator {

    static final String LISTENER_ID = "dq-monitor-cdc";
    private static final Logger log = LoggerFactory.getLogger(ConsumerHealth.class);

    private final KafkaListenerEndpointRegistry registry;
    private final MeterRegistry meters;

    ConsumerHealth(KafkaListenerEndpointRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
        Gauge.builder("dq.consumer.running", this, h -> h.running() ? 1 : 0)
                .description("1 while the listener container reading the change topics runs, 0 once it has stopped")
                .register(meters);
        for (ConsumerStoppedEvent.Reason reason : ConsumerStoppedEvent.Reason.values()) {
            stops(reason);
        }
    }

    /** Whether the container exists, runs, and has not been stopped by an error in one of its consumers. */
    boolean running() {
        return container().map(c -> c.isRunning() && c.isInExpectedState()).orElse(false);
    }

    @Override
    public Health health() {
        Optional<MessageListenerContainer> container = container();
        if (container.isEmpty()) {
            return Health.down().withDetail("listener", LISTENER_ID).withDetail("state", "absent").build();
        }
        MessageListenerContainer c = container.get();
        Health.Builder health = running() ? Health.up() : Health.down();
        return health.withDetail("listener", LISTENER_ID).withDetail("running", c.isRunning())
                .withDetail("expectedState", c.isInExpectedState()).build();
    }

    /** A consumer of the container stopped: counted by reason; anything but a normal stop is logged as an error. */
    @EventListener
    void onStopped(ConsumerStoppedEvent stopped) {
        stops(stopped.getReason()).increment();
        if (stopped.getReason() != ConsumerStoppedEvent.Reason.NORMAL) {
            log.error("The Kafka consumer of {} stopped ({}); readiness is DOWN until dq-monitor is restarted",
                    LISTENER_ID, stopped.getReason());
        }
    }

    private Counter stops(ConsumerStoppedEvent.Reason reason) {
        return Counter.builder("dq.consumer.stops")
                .description("Consumers of the change-topic listener that stopped, by spring-kafka's reason (normal "
                        + "is a shutdown; error, abnormal, fenced, auth and no_offset leave nothing reading)")
                .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(meters);
    }

    private Optional<MessageListenerContainer> container() {
        return Optional.ofNullable(registry.getListenerContainer(LISTENER_ID));
    }
}
