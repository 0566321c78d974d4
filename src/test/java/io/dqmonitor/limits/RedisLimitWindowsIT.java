package io.dqmonitor.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.dqmonitor.rules.InMemoryLimitWindows;
import io.dqmonitor.rules.LimitWindows;
import io.dqmonitor.rules.LimitWindows.Claim;
import io.dqmonitor.rules.LimitWindows.Tally;
import io.dqmonitor.stack.StandaloneRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The windows of table limits on a real Redis: the places the unit tests' map gives, shared by every client. */
class RedisLimitWindowsIT {

    private static StandaloneRedis server;
    private static StringRedisTemplate redis;

    private final RedisLimitWindows windows = new RedisLimitWindows(redis,
            new LimitsProperties(Duration.ofMinutes(10), 1_000_000));

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
    void empty() {
        redis.delete(redis.keys(RedisLimitWindows.KEY_PREFIX + "*"));
    }

    @Test
    void givesTheSamePlacesAsTheUnitTestsMap() {
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            claims.add(new Claim("public.t:deletes:2026-11-24T10:15:00Z", "c" + (i % 7), 4));
            claims.add(new Claim("public.t:tx:" + (i % 3), "c" + i, 2));
        }
        assertThat(windows.places(claims)).containsExactly(new InMemoryLimitWindows().places(claims));
    }

    @Test
    void aWindowKeepsItsPlacesAcrossCallsAndHoldsNoMoreThanTheLimitPlusOne() {
        windows.places(IntStream.range(0, 10).mapToObj(i -> new Claim("w", "c" + i, 3)).toList());
        assertThat(windows.places(List.of(new Claim("w", "c3", 3), new Claim("w", "c0", 3), new Claim("w", "c9", 3))))
                .containsExactly(3, 0, -1);
        assertThat(redis.opsForHash().size(RedisLimitWindows.KEY_PREFIX + "w")).isEqualTo(4);
    }

    @Test
    void aWindowExpiresAfterTheRetention() {
        windows.places(List.of(new Claim("w", "c0", 3)));
        assertThat(redis.getExpire(RedisLimitWindows.KEY_PREFIX + "w")).isBetween(590L, 600L);
    }

    @Test
    void clientsClaimingAtOnceNeverShareAPlace() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Callable<int[]>> calls = IntStream.range(0, 4).<Callable<int[]>>mapToObj(client -> () ->
                    windows.places(IntStream.range(0, 50).mapToObj(i -> new Claim("w", client + "-" + i, 1000))
                            .toList())).toList();
            List<Integer> places = new ArrayList<>();
            for (Future<int[]> result : clients.invokeAll(calls)) {
                for (int place : result.get()) {
                    places.add(place);
                }
            }
            assertThat(places).doesNotHaveDuplicates().hasSize(200).allMatch(place -> place >= 0 && place < 200);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void talliesCountAsTheUnitTestsMapDoes() {
        List<Tally> tallies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // members seen again, two windows, a strict and an inclusive bound
            tallies.add(new Tally("t:a", "c" + (i % 25), i % 3 == 0, 30, false, 10, Duration.ofHours(1)));
            tallies.add(new Tally("t:b", "c" + i, i > 30, 10, true, 5, Duration.ofHours(1)));
        }
        LimitWindows.Counted[] expected = new InMemoryLimitWindows().count(tallies);

        assertThat(windows.count(tallies.subList(0, 30))).containsExactly(Arrays.copyOfRange(expected, 0, 30));
        assertThat(windows.count(tallies.subList(30, 80))).containsExactly(Arrays.copyOfRange(expected, 30, 80));
        // each window crossed once; the member that crossed t:a comes again at 34 and is told again
        assertThat(expected).filteredOn(LimitWindows.Counted::crossed).hasSize(3);
        assertThat(expected[18]).isEqualTo(expected[68]).isEqualTo(new LimitWindows.Counted(true, false, 4, 10));
    }

    @Test
    void aDecidedWindowDropsItsMembersAndTellsOnlyTheOneThatCrossedIt() {
        List<Tally> tallies = IntStream.range(0, 5).mapToObj(i -> new Tally("t", "c" + i, true, 50, true, 3,
                Duration.ofHours(1))).toList();
        windows.count(tallies);

        assertThat(redis.hasKey(RedisLimitWindows.KEY_PREFIX + "t:members")).isFalse();
        assertThat(windows.count(tallies)).extracting(LimitWindows.Counted::crossed)
                .containsExactly(false, false, true, false, false);
        assertThat(redis.getExpire(RedisLimitWindows.KEY_PREFIX + "t")).isBetween(4190L, 4200L);
    }

    @Test
    void aFullWindowCountsNoMoreAndSaysSo() {
        RedisLimitWindows small = new RedisLimitWindows(redis, new LimitsProperties(Duration.ofMinutes(10), 3));
        List<Tally> tallies = IntStream.range(0, 5).mapToObj(i -> new Tally("t", "c" + i, false, 50, true, 1,
                Duration.ofMinutes(1))).toList();

        assertThat(small.count(tallies)).extracting(LimitWindows.Counted::full)
                .containsExactly(false, false, false, true, true);
        assertThat(small.count(tallies.subList(0, 1))).extracting(LimitWindows.Counted::full).containsExactly(false);
    }
}
