package io.dqmonitor.security;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;

/**
 * Failed authentications per client address, in a Bucket4j bucket each: {@code maxFailures} a {@code window},
 * refilled evenly. While an address's bucket is empty, its attempts with credentials are answered 429 before any
 * password is hashed, so a flood of wrong passwords costs what a flood without credentials costs. The addresses kept
 * are bounded; the least recently seen is forgotten first.
 */
final class LoginThrottle {

    /** Client addresses remembered at once; a flood from more addresses than this is throttled less. */
    static final int MAX_CLIENTS = 10_000;

    private final Bandwidth limit;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > MAX_CLIENTS;
                }
            });

    LoginThrottle(AccessProperties.Throttle throttle) {
        this.limit = Bandwidth.builder().capacity(throttle.maxFailures())
                .refillGreedy(throttle.maxFailures(), throttle.window()).build();
    }

    /** How long {@code client} must wait before its next attempt is checked; zero when it may try now. */
    Duration wait(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            return Duration.ZERO;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** One failed authentication of {@code client}. */
    void failed(String client) {
        buckets.computeIfAbsent(client, c -> Bucket.builder().addLimit(limit).build()).tryConsume(1);
    }
}
