package io.dqmonitor.security;

/** A security setting that cannot work; {@link #key()} names the setting to fix. */
class InvalidSecurityConfigurationException extends RuntimeException {

    private final String key;

    InvalidSecurityConfigurationException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    String key() {
        return key;
    }
}
