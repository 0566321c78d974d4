package io.dqmonitor.limits;

import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.rules.LimitWindows;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The windows of table limits in Redis, one hash per window ({@code dq_limits:<window>}) from a change's identity to
 * its place, so that every instance of the consumer group counts in the same windows. A batch's claims go in one
 * atomic script: one round trip, and no two instances can take the same place. A window expires
 * {@code dq.limits.retention} after its last new change.
 */
@Component
class RedisLimitWindows implements LimitWindows {

    static final String KEY_PREFIX = "dq_limits:";

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> PLACES =
            RedisScript.of(new ClassPathResource("redis/limit-window-places.lua"), List.class);

    private final StringRedisTemplate redis;
    private final String retentionSeconds;

    RedisLimitWindows(StringRedisTemplate redis, LimitsProperties properties) {
        this.redis = redis;
        this.retentionSeconds = Long.toString(properties.retention().toSeconds());
    }

    @Override
    public int[] places(List<Claim> claims) {
        List<String> keys = new ArrayList<>(claims.size());
        List<String> args = new ArrayList<>(2 * claims.size() + 1);
        args.add(retentionSeconds);
        for (Claim claim : claims) {
            keys.add(KEY_PREFIX + claim.window());
            args.add(claim.member());
            args.add(Integer.toString(claim.limit()));
        }
        List<?> places = redis.execute(PLACES, keys, args.toArray());
        if (places == null || places.size() != claims.size()) {
            throw new IllegalStateException("Redis answered " + places + " to " + claims.size() + " limit claims");
        }
        return places.stream().mapToInt(place -> ((Number) place).intValue()).toArray();
    }
}
