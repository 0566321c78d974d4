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

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TALLIES =
            RedisScript.of(new ClassPathResource("redis/threshold-window-tallies.lua"), List.class);

    private final StringRedisTemplate redis;
    private final LimitsProperties properties;
    private final String retentionSeconds;

    RedisLimitWindows(StringRedisTemplate redis, LimitsProperties properties) {
        this.redis = redis;
        this.properties = properties;
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

    @Override
    public Counted[] count(List<Tally> tallies) {
        List<String> keys = new ArrayList<>(2 * tallies.size());
        List<String> args = new ArrayList<>(6 * tallies.size() + 1);
        args.add(Integer.toString(properties.maxWindowValues()));
        for (Tally tally : tallies) {
            keys.add(KEY_PREFIX + tally.window());
            keys.add(KEY_PREFIX + tally.window() + ":members");
            args.add(tally.member());
            args.add(tally.failed() ? "1" : "0");
            args.add(Double.toString(tally.percent()));
            args.add(tally.inclusive() ? "1" : "0");
            args.add(Integer.toString(tally.minChanges()));
            args.add(Long.toString(tally.length().plus(properties.retention()).toSeconds()));
        }
        List<?> answer = redis.execute(TALLIES, keys, args.toArray());
        if (answer == null || answer.size() != 3 * tallies.size()) {
            throw new IllegalStateException("Redis answered " + answer + " to " + tallies.size() + " threshold tallies");
        }
        Counted[] counted = new Counted[tallies.size()];
        for (int i = 0; i < counted.length; i++) {
            long code = ((Number) answer.get(3 * i)).longValue();
            counted[i] = code == 1 ? new Counted(true, false, ((Number) answer.get(3 * i + 1)).longValue(),
                    ((Number) answer.get(3 * i + 2)).longValue()) : code == -1 ? Counted.FULL : Counted.COUNTED;
        }
        return counted;
    }
}
