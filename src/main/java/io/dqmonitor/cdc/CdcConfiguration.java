package io.dqmonitor.cdc;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class CdcConfiguration {

    /** The change-event and heartbeat topics, minus the dead-letter topics the patterns would otherwise match too. */
    @Bean
    Pattern cdcTopicPattern(CdcProperties properties) {
        valid("dq.cdc.topic-pattern", properties.topicPattern());
        valid("dq.cdc.heartbeat-topic-pattern", properties.heartbeatTopicPattern());
        return Pattern.compile("(?!.*" + Pattern.quote(properties.deadLetterSuffix()) + "$)(?:(?:"
                + properties.topicPattern() + ")|(?:" + properties.heartbeatTopicPattern() + "))");
    }

    private static void valid(String key, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException(key + " is not a valid regular expression: " + e.getMessage(), e);
        }
    }

    /**
     * Storage failures (Redis, the database, the dead-letter producer) make the handler throw; the batch is then
     * retried with growing pauses for as long as it takes. Nothing is skipped, so nothing is lost.
     */
    @Bean
    DefaultErrorHandler cdcErrorHandler(CdcProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    ChangeEventParser changeEventParser() {
        return new ChangeEventParser();
    }
}
