package io.dqmonitor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.SharedStack;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/** Schema baselines on a real PostgreSQL: one claim wins from each baseline, and the winning event wins again. */
class JdbcSchemaBaselinesIT {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static JdbcTemplate jdbc;

    private final JdbcSchemaBaselines store = new JdbcSchemaBaselines(jdbc, JsonMapper.builder().build());
    private final String table = "public.t_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void migrate() {
        EmbeddedStack stack = SharedStack.get();
        DriverManagerDataSource db = new DriverManagerDataSource(stack.jdbcUrl(), "postgres", "postgres");
        Flyway.configure().dataSource(db).schemas("dq_monitor").createSchemas(true).load().migrate();
        jdbc = new JdbcTemplate(db);
    }

    @Test
    void theFirstClaimOfATableIsItsBaselineAndLoadsBack() {
        Baseline first = baseline("e1", Map.of("id", "int64", "note", "string"), null);
        assertThat(store.claim(table, Optional.empty(), first)).isTrue();
        assertThat(store.load(table)).contains(first);
    }

    @Test
    void aSecondFirstClaimLosesUnlessItIsTheSameEvent() {
        Baseline first = baseline("e1", Map.of("id", "int64"), null);
        store.claim(table, Optional.empty(), first);
        assertThat(store.claim(table, Optional.empty(), baseline("e2", Map.of("id", "int64"), null))).isFalse();
        assertThat(store.claim(table, Optional.empty(), first)).as("the same event, retried").isTrue();
    }

    @Test
    void aClaimFromAStaleBaselineLosesAndTheWinningEventWinsAgain() {
        Baseline first = baseline("e1", Map.of("id", "int64"), null);
        store.claim(table, Optional.empty(), first);
        Baseline added = baseline("e2", Map.of("id", "int64", "x", "string"), first.columns());
        assertThat(store.claim(table, Optional.of(first), added)).isTrue();
        assertThat(store.claim(table, Optional.of(first), baseline("e3", Map.of("id", "int64", "x", "string"),
                first.columns()))).as("another instance, from the baseline before").isFalse();
        assertThat(store.claim(table, Optional.of(first), added)).as("read again after a crash").isTrue();
        assertThat(store.load(table)).contains(added);
    }

    @Test
    void ofInstancesClaimingFromOneBaselineAtOnceExactlyOneWins() throws Exception {
        Baseline first = baseline("e1", Map.of("id", "int64"), null);
        store.claim(table, Optional.empty(), first);
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> claims = IntStream.range(0, 4).<Callable<Boolean>>mapToObj(i -> () ->
                    store.claim(table, Optional.of(first), baseline("i" + i, Map.of("id", "int64", "x", "string"),
                            first.columns()))).toList();
            long won = 0;
            for (Future<Boolean> claim : instances.invokeAll(claims)) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            instances.shutdownNow();
        }
    }

    private static Baseline baseline(String eventId, Map<String, String> columns, Map<String, String> previous) {
        return new Baseline(columns, previous, T0, eventId);
    }
}
