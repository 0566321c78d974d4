package io.dqmonitor.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Masking of personal data.
 *
 * @param hashKey the secret key of {@code pii: hash} (HMAC-SHA-256), at least 16 characters; set it from the
 *                environment ({@code DQ_PRIVACY_HASH_KEY}) or a secret store. Changing it changes every hash from
 *                then on, so masked values no longer join with those stored before.
 */
@ConfigurationProperties("dq.privacy")
public record PrivacyProperties(String hashKey) {

    /** The shortest key accepted: an HMAC key much shorter than its output invites guessing. */
    public static final int MIN_KEY_LENGTH = 16;

    public PrivacyProperties {
        if (hashKey != null && hashKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("dq.privacy.hash-key must be at least " + MIN_KEY_LENGTH
                    + " characters long (it has " + hashKey.length() + ")");
        }
    }

    public boolean hasHashKey() {
        return hashKey != null;
    }
}
