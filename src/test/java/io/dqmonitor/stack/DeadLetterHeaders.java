package io.dqmonitor.stack;

/** The headers dq-monitor puts on a dead letter: a contract with whoever reads the dead-letter topic. */
public final class DeadLetterHeaders {

    public static final String REASON = "dq-rejected-reason";
    public static final String DETAIL = "dq-rejected-detail";
    public static final String TOPIC = "dq-original-topic";
    public static final String PARTITION = "dq-original-partition";
    public static final String OFFSET = "dq-original-offset";
    public static final String VALUE_OMITTED = "dq-value-omitted";

    private DeadLetterHeaders() {
    }
}
