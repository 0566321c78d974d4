package io.dqmonitor.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Watches the recent-changes list that {@code GET /api/changes} serves, every few milliseconds, and notes for each
 * change the first time it is there: that time minus the change's source commit time is its commit-to-visible
 * latency. The list holds the newest 100 changes and a batch stores its newest 100, so a change is seen unless more
 * than 100 newer ones arrived between two looks; what is seen is a sample, and its share is reported.
 */
final class RecentChangesWatcher implements AutoCloseable {

    private static final String TIMESTAMP_FIELD = "\"sourceTimestamp\":\"";

    private final Duration period;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Thread thread = new Thread(this::watch, "recent-changes-watcher");
    private volatile boolean running = true;
    private long[] latencies = new long[1 << 16];
    private long[] seenAt = new long[1 << 16];
    private int count;

    /** Looks at the list every {@code period}: each look reads up to 100 entries from Redis, about 100 KB. */
    RecentChangesWatcher(int redisPort, Duration period) {
        this.period = period;
        this.client = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
        this.connection = client.connect();
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void watch() {
        Set<String> previous = new HashSet<>();
        while (running) {
            List<String> entries = connection.sync().lrange("recent_changes", 0, 99);
            long now = System.currentTimeMillis();
            Set<String> current = new HashSet<>(entries.size() * 2);
            for (String entry : entries) {
                String position = entry.substring(0, Math.min(entry.length(), 80));
                current.add(position);
                if (!previous.contains(position)) {
                    record(now, sourceMillis(entry));
                }
            }
            previous = current;
            try {
                Bench.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long sourceMillis(String entry) {
        int start = entry.indexOf(TIMESTAMP_FIELD);
        if (start < 0) {
            return -1;
        }
        start += TIMESTAMP_FIELD.length();
        return Instant.parse(entry.substring(start, entry.indexOf('"', start))).toEpochMilli();
    }

    private synchronized void record(long now, long source) {
        if (source < 0) {
            return;
        }
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
            seenAt = Arrays.copyOf(seenAt, count * 2);
        }
        latencies[count] = now - source;
        seenAt[count++] = now;
    }

    /** The latencies, in milliseconds, of the changes first seen at or after {@code since} (epoch ms), sorted. */
    synchronized long[] latenciesSince(long since) {
        long[] selected = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (seenAt[i] >= since) {
                selected[n++] = latencies[i];
            }
        }
        long[] sorted = Arrays.copyOf(selected, n);
        Arrays.sort(sorted);
        return sorted;
    }

    synchronized int count() {
        return count;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        connection.close();
        client.shutdown();
    }
}
