package io.dqmonitor.rules;

/** The data-quality rules in the configuration cannot be used; the message names the offending key. */
public class InvalidRulesException extends RuntimeException {

    private final String key;

    public InvalidRulesException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
