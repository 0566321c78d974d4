package io.dqmonitor.cdc;

import java.util.Arrays;
import java.util.Optional;

/** The Debezium operation of a change event, with the label used in metrics and the API. */
public enum Op {
    CREATE("c", "create"),
    UPDATE("u", "update"),
    DELETE("d", "delete"),
    READ("r", "read"),
    TRUNCATE("t", "truncate");

    private final String code;
    private final String label;

    Op(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the event carries an after image that column rules can check. */
    public boolean hasAfterImage() {
        return this == CREATE || this == UPDATE || this == READ;
    }

    static Optional<Op> fromCode(String code) {
        return Arrays.stream(values()).filter(op -> op.code.equals(code)).findFirst();
    }

    public static Optional<Op> fromLabel(String label) {
        return Arrays.stream(values()).filter(op -> op.label.equals(label)).findFirst();
    }
}
