package io.dqmonitor.cdc;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class CdcConfiguration {

    /** The configured topic pattern, minus the dead-letter topics it would otherwise match as well. */
    @Bean
    Pattern cdcTopicPattern(CdcProperties properties) {
        try {
            Pattern.compile(properties.topicPattern());
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("dq.cdc.topic-pattern is not a valid regular expression: " + e.getMessage(), e);
        }
        return Pattern.compile("(?!.*" + Pattern.quote(properties.deadLetterSuffix()) + "$)(?:"
                + properties.topicPattern() + ")");
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
