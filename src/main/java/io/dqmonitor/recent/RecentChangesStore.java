package io.dqmonitor.recent;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** The capped Redis list of recent changes, newest first. */
@Component
public class RecentChangesStore {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final StringRedisTemplate redis;
    private final byte[] key;
    private final int capacity;

    RecentChangesStore(StringRedisTemplate redis, RecentProperties properties) {
        this.redis = redis;
        this.key = properties.key().getBytes(StandardCharsets.UTF_8);
        this.capacity = properties.capacity();
    }

    /**
     * Pushes a batch (oldest first) and trims the list, in one pipelined round trip. Only the newest
     * {@code capacity} entries of a large batch are written: the rest would be trimmed at once.
     */
    public void append(List<RecentChange> oldestFirst) {
        if (oldestFirst.isEmpty()) {
            return;
        }
        List<RecentChange> kept = oldestFirst.subList(Math.max(0, oldestFirst.size() - capacity), oldestFirst.size());
        byte[][] values = kept.stream().map(JSON::writeValueAsBytes).toArray(byte[][]::new);
        redis.executePipelined((RedisCallback<Object>) connection -> pushAndTrim(connection, values));
    }

    private Object pushAndTrim(RedisConnection connection, byte[][] values) {
        connection.listCommands().lPush(key, values);
        connection.listCommands().lTrim(key, 0, capacity - 1L);
        return null;
    }

    /** Up to {@code count} entries as stored (JSON text), newest first. */
    List<String> newest(int count) {
        List<String> entries = redis.opsForList().range(new String(key, StandardCharsets.UTF_8), 0, count - 1L);
        return entries == null ? List.of() : entries;
    }

    int capacity() {
        return capacity;
    }
}
