package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.formats.RecordDecoder;
import io.dqmonitor.formats.RecordReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

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
     * spring-kafka's per-record failure handling for batch listeners, with {@link FailureModel}'s classification;
     * the handler names a record in every failure ({@link ChangeBatchHandler}). The records before it are committed.
     * A record that failed transiently (a store down) is sought back and tried again, with the records behind it,
     * with growing pauses, for as long as it takes: nothing is skipped, so nothing is lost. A record whose cause is
     * {@link UnprocessableRecordException} is not retried: it goes to the dead-letter topic
     * ({@link DeadLetterPublisher#publishUnprocessable}) and the rest of the batch follows. Should the dead-letter
     * topic be unreachable, the record is tried again with the same back-off, counted and shown as a failed store.
     */
    @Bean
    DefaultErrorHandler cdcErrorHandler(CdcProperties properties, DeadLetterPublisher deadLetters,
            BatchAccounting accounting, PipelineHealth health) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        @SuppressWarnings("unchecked")
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            // a dead-letter topic out of reach is a transient failure like any other store's: counted and shown
            health.store(PipelineHealth.DEAD_LETTER,
                    () -> deadLetters.publishUnprocessable((ConsumerRecord<byte[], ByteBuffer>) record, failure));
            accounting.unprocessable();
        }, backOff);
        handler.addNotRetryableExceptions(UnprocessableRecordException.class);
        return handler;
    }

    /**
     * Acknowledged offsets are committed without waiting for the broker's answer: a synchronous commit held the
     * consumer thread for a round trip per batch (BENCHMARKS.md). Offsets are still committed only once a batch is
     * stored, and in order; a commit that fails is logged and covered by the next one, and its records, should the
     * partition move first, are read again and stored idempotently. Closing the consumer waits for commits in flight.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncCommits() {
        return container -> container.getContainerProperties().setSyncCommits(false);
    }

    /**
     * Replaces Boot's producer listener, which logs a failed send with the record's key and value: a dead letter is
     * the raw record, personal data included, and the log is not the place for it.
     */
    @Bean
    LoggingProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }

    @Bean
    ChangeEventParser changeEventParser(JsonMapper json) {
        return new ChangeEventParser(json);
    }

    @Bean
    RecordReader recordReader(RecordDecoder decoder, ChangeEventParser parser) {
        return new RecordReader(decoder, parser);
    }
}
