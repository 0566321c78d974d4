package io.dqmonitor.recent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.JsonText;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.stack.StandaloneRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The recent-changes list on a real Redis: newest first, capped, and each change once however often it arrives. */
class RecentChangesStoreIT {

    private static final String KEY = "recent_changes_it";

    private static StandaloneRedis server;
    private static StringRedisTemplate redis;

    private final RecentChangesStore store = new RecentChangesStore(redis, new RecentProperties(KEY, 3, 20),
            tools.jackson.databind.json.JsonMapper.builder().build());

    @BeforeAll
    static void startRedis() throws Exception {
        server = StandaloneRedis.start();
        redis = server.template();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyList() {
        redis.delete(KEY);
    }

    @Test
    void keepsTheNewestChangesFirstUpToTheCapacity() {
        store.append(List.of(change(1), change(2)));
        store.append(List.of(change(3), change(4)));
        assertThat(ids(store.newest(10))).containsExactly(4L, 3L, 2L);
    }

    @Test
    void aRedeliveredBatchAddsNothing() {
        store.append(List.of(change(1), change(2)));
        store.append(List.of(change(1), change(2)));
        assertThat(ids(store.newest(10))).containsExactly(2L, 1L);
    }

    @Test
    void aBatchThatOverlapsTheListAddsOnlyItsNewChanges() {
        store.append(List.of(change(1), change(2)));
        store.append(List.of(change(2), change(3)));
        assertThat(ids(store.newest(10))).containsExactly(3L, 2L, 1L);
    }

    @Test
    void theSameChangeTwiceInOneBatchIsStoredOnce() {
        store.append(List.of(change(5), change(5)));
        assertThat(ids(store.newest(10))).containsExactly(5L);
    }

    @Test
    void theSourcePositionLeadsEveryEntry() {
        store.append(List.of(change(7)));
        assertThat(store.newest(1).get(0)).startsWith("{\"position\":\"" + SourcePosition.of(event(7)).id() + "\"");
    }

    @Test
    void longTextAndJsonValuesAreKeptAsExcerptsThatSayHowLongTheyWere() {
        ChangeEvent event = new ChangeEvent("public.t", Op.CREATE, Map.of("id", 9L), null, Map.of("id", 9L,
                "body", "b".repeat(5_000_000), "doc", new JsonText("{\"k\": \"" + "j".repeat(30) + "\"}"),
                "tags", List.of("t".repeat(25))), Instant.EPOCH, Position.postgres(9L, 9L), Map.of());
        store.append(List.of(RecentChange.of(event, SourcePosition.of(event), List.of())));
        assertThat(store.newest(1).get(0))
                .contains("\"body\":\"" + "b".repeat(20) + "… (5000000 characters)\"")
                .contains("\"doc\":\"{\\\"k\\\": \\\"" + "j".repeat(13) + "… (39 characters)\"")
                .contains("\"tags\":[\"" + "t".repeat(20) + "… (25 characters)\"]")
                .hasSizeLessThan(1000);
    }

    private static RecentChange change(long id) {
        ChangeEvent event = event(id);
        return RecentChange.of(event, SourcePosition.of(event), List.of());
    }

    private static ChangeEvent event(long id) {
        return new ChangeEvent("public.t", Op.CREATE, Map.of("id", id), null, Map.of("id", id,
                // a nested value named like the marker must not confuse the store
                "details", Map.of("position", "abc")), Instant.ofEpochMilli(id), Position.postgres((long) (1000 + id), (long) (500 + id)), Map.of());
    }

    private static List<Long> ids(List<String> entries) {
        return entries.stream().map(e -> Long.parseLong(e.replaceAll(".*\"key\":\\{\"id\":(\\d+)}.*", "$1"))).toList();
    }
}
