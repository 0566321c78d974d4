package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.pipeline.CheckedBatch.Rejection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends records that cannot be processed to {@code <topic><suffix>}, unchanged, with the reason in headers, and
 * waits until the broker has them: a rejected record is only skipped once it is safely kept elsewhere. A record this
 * process has already dead-lettered is not sent again when its batch is retried (a later store of the batch failed).
 */
@Component
class DeadLetterPublisher {

    static final String REASON_HEADER = "dq-rejected-reason";
    static final String DETAIL_HEADER = "dq-rejected-detail";
    static final String TOPIC_HEADER = "dq-original-topic";
    static final String PARTITION_HEADER = "dq-original-partition";
    static final String OFFSET_HEADER = "dq-original-offset";
    static final String VALUE_OMITTED_HEADER = "dq-value-omitted";
    /** Records dead-lettered lately, by position: more than any retried batch holds. */
    private static final int REMEMBERED = 10_000;

    private final KafkaTemplate<Object, Object> template;
    private final KafkaAdmin admin;
    private final String suffix;
    private final Set<String> existingTopics = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> sent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    DeadLetterPublisher(KafkaTemplate<Object, Object> template, KafkaAdmin admin, CdcProperties properties) {
        this.template = template;
        this.admin = admin;
        this.suffix = properties.deadLetterSuffix();
    }

    /** The error handler's recoverer: a record {@link FailureModel} found permanently unprocessable. */
    void publishUnprocessable(ConsumerRecord<byte[], ByteBuffer> record, Exception failure) {
        Throwable unprocessable = FailureModel.find(failure, UnprocessableRecordException.class);
        Throwable cause = unprocessable != null ? unprocessable : NestedExceptionUtils.getMostSpecificCause(failure);
        publish(List.of(new Rejection(record, new ParsedRecord.Rejected(ParsedRecord.RejectReason.UNPROCESSABLE,
                String.valueOf(cause.getMessage())))));
    }

    void publish(List<Rejection> rejections) {
        List<Rejection> unsent = rejections.stream().filter(r -> !sent.containsKey(position(r.record()))).toList();
        List<CompletableFuture<SendResult<Object, Object>>> sends = new ArrayList<>();
        for (Rejection rejection : unsent) {
            ProducerRecord<Object, Object> deadLetter = deadLetter(rejection,
                    Utils.toNullableArray(rejection.record().value()));
            ensureTopic(deadLetter.topic());
            sends.add(send(deadLetter, rejection));
        }
        for (int i = 0; i < sends.size(); i++) {
            try {
                await(sends.get(i));
            } catch (ExecutionException e) {
                // the broker's limit (the topic's max.message.bytes) can be lower than the producer's
                RecordTooLargeException tooLarge = tooLarge(e);
                if (tooLarge == null) {
                    throw new IllegalStateException("could not write to the dead-letter topic", e);
                }
                awaitOrThrow(template.send(withoutValue(unsent.get(i), tooLarge.getMessage())));
            }
            sent.put(position(unsent.get(i).record()), Boolean.TRUE);
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + '-' + record.partition() + '@' + record.offset();
    }

    /**
     * A record too large to send fails at once, and retrying cannot make it fit: stopping the partition for it would
     * be worse, so its dead letter keeps the reason and where the original still is, without the value.
     */
    private CompletableFuture<SendResult<Object, Object>> send(ProducerRecord<Object, Object> deadLetter,
            Rejection rejection) {
        try {
            return template.send(deadLetter);
        } catch (RuntimeException e) {
            RecordTooLargeException tooLarge = tooLarge(e);
            if (tooLarge == null) {
                throw e;
            }
            return template.send(withoutValue(rejection, tooLarge.getMessage()));
        }
    }

    private static void awaitOrThrow(CompletableFuture<SendResult<Object, Object>> send) {
        try {
            await(send);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to the dead-letter topic", e);
        }
    }

    private static RecordTooLargeException tooLarge(Throwable failure) {
        return FailureModel.find(failure, RecordTooLargeException.class);
    }

    private static void await(CompletableFuture<SendResult<Object, Object>> send) throws ExecutionException {
        try {
            send.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the dead-letter topic", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not write to the dead-letter topic in time", e);
        }
    }

    private ProducerRecord<Object, Object> withoutValue(Rejection rejection, String why) {
        ProducerRecord<Object, Object> slim = deadLetter(rejection, null);
        ByteBuffer value = rejection.record().value();
        slim.headers().add(VALUE_OMITTED_HEADER, utf8((value == null ? 0 : value.remaining()) + " bytes: " + why));
        return slim;
    }

    /** Brokers in production often do not create topics on first use; the dead-letter topic must exist regardless. */
    private void ensureTopic(String topic) {
        if (!existingTopics.contains(topic)) {
            admin.createOrModifyTopics(TopicBuilder.name(topic).partitions(1).build());
            existingTopics.add(topic);
        }
    }

    private ProducerRecord<Object, Object> deadLetter(Rejection rejection, byte[] value) {
        ConsumerRecord<byte[], ByteBuffer> record = rejection.record();
        ProducerRecord<Object, Object> out = new ProducerRecord<>(record.topic() + suffix, null, record.key(), value);
        for (Header header : record.headers()) {
            out.headers().add(header);
        }
        out.headers()
                .add(REASON_HEADER, utf8(rejection.reason().reason().label()))
                .add(DETAIL_HEADER, utf8(String.valueOf(rejection.reason().detail())))
                .add(TOPIC_HEADER, utf8(record.topic()))
                .add(PARTITION_HEADER, utf8(Integer.toString(record.partition())))
                .add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
