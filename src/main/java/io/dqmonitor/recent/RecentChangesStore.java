package io.dqmonitor.recent;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** The capped Redis list of recent changes, newest first, each change once. */
@Component
public class RecentChangesStore {

    private static final RedisScript<Long> PUSH_NEW =
            RedisScript.of(new ClassPathResource("redis/push-new-changes.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String key;
    private final int capacity;
    private final int maxValueLength;

    RecentChangesStore(StringRedisTemplate redis, RecentProperties properties, JsonMapper json) {
        this.redis = redis;
        // decimals as written in the database (1E+2 would read as a different value to a person)
        this.json = json.rebuild().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
        this.key = properties.key();
        this.capacity = properties.capacity();
        this.maxValueLength = properties.maxValueLength();
    }

    /**
     * Pushes a batch (oldest first) and trims the list, in one atomic script: one round trip. A change the list
     * already holds (same source position) is left out, so a redelivered batch adds nothing twice. Only the newest
     * {@code capacity} entries of a large batch are sent: the rest would be trimmed at once.
     */
    public void append(List<RecentChange> oldestFirst) {
        if (oldestFirst.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(Math.min(oldestFirst.size(), capacity) + 1);
        args.add(Integer.toString(capacity));
        args.addAll(entries(oldestFirst));
        redis.execute(PUSH_NEW, List.of(key), args.toArray());
    }

    /** The entries {@link #append} pushes for a batch, as JSON text, without Redis: also the AOT cache's training. */
    public List<String> entries(List<RecentChange> oldestFirst) {
        List<RecentChange> kept = oldestFirst.subList(Math.max(0, oldestFirst.size() - capacity), oldestFirst.size());
        List<String> entries = new ArrayList<>(kept.size());
        kept.forEach(change -> entries.add(json.writeValueAsString(change.withValuesCutTo(maxValueLength))));
        return entries;
    }

    /** Up to {@code count} entries as stored (JSON text), newest first. */
    List<String> newest(int count) {
        List<String> entries = redis.opsForList().range(key, 0, count - 1L);
        return entries == null ? List.of() : entries;
    }

    int capacity() {
        return capacity;
    }
}
