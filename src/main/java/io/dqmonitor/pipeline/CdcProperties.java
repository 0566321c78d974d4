package io.dqmonitor.pipeline;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Consumption of the Debezium topics.
 *
 * @param topicPattern         regular expression of the change-event topics to subscribe to; dead-letter topics are
 *                             always left out
 * @param heartbeatTopicPattern regular expression of the Debezium heartbeat topics
 * @param deadLetterSuffix     appended to a topic's name to name its dead-letter topic
 * @param retryInitialInterval first pause before a failed batch is tried again (Redis or the database down)
 * @param retryMaxInterval     longest pause between tries; a failed batch is retried until it succeeds
 * @param healthTimeout        how long the Kafka health check waits for the broker
 * @param maxClockSkew         how far ahead of this host's clock a commit or heartbeat time may be and still be taken
 *                             as the newest; a later one is counted, and kept out of every newest-time and every
 *                             order (heartbeat age, freshness, schema baselines, anomaly minutes, table limits)
 */
@Validated
@ConfigurationProperties("dq.cdc")
public record CdcProperties(
        @DefaultValue("monitoring_(server|mariadb|mongodb)\\..*") @NotBlank String topicPattern,
        @DefaultValue("__debezium-heartbeat\\..*") @NotBlank String heartbeatTopicPattern,
        @DefaultValue("-dlt") @NotBlank String deadLetterSuffix,
        @DefaultValue("1s") @NotNull Duration retryInitialInterval,
        @DefaultValue("30s") @NotNull Duration retryMaxInterval,
        @DefaultValue("5s") @NotNull Duration healthTimeout,
        @DefaultValue("5m") @NotNull Duration maxClockSkew) {

    public CdcProperties {
        if (maxClockSkew != null && maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("dq.cdc.max-clock-skew must not be negative, but is " + maxClockSkew);
        }
    }
}
