package io.dqmonitor.completeness;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.cdc.OwnState;
import io.dqmonitor.partitions.OffsetFence;
import io.dqmonitor.partitions.PartitionFences;
import io.dqmonitor.partitions.PartitionKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one owner of {@code dq_monitor.completeness_checks} and {@code completeness_partitions}, both keyed by the
 * consumer group: two deployments reading the same topics keep
 * ledgers of their own.
 */
@Repository
class JdbcLedgerStore implements LedgerStore {

    private static final TypeReference<Map<Long, PartitionLedger.Tally>> TALLIES = new TypeReference<>() {
    };
    private static final String PARTITION_COLUMNS =
            "topic, partition, table_name, next_offset, row_delta, truncates, checks::text";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final String group;
    private final OffsetFence fence;

    JdbcLedgerStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json, PartitionFences fences) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.group = fences.group();
        this.fence = fences.fence("the completeness ledger", "dq_monitor.completeness_partitions",
                List.of("row_delta", "truncates", "checks::jsonb"));
    }

    @Override
    public Map<String, Map<Long, Optional<SourceSnapshot>>> checks(Collection<String> tables) {
        Map<String, Map<Long, Optional<SourceSnapshot>>> checks = new HashMap<>();
        jdbc.query("""
                SELECT table_name, id, snapshot FROM dq_monitor.completeness_checks
                WHERE consumer_group = ? AND table_name = ANY (?) ORDER BY id""", rs -> {
            checks.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>())
                    .put(rs.getLong(2), Optional.ofNullable(rs.getString(3)).map(SourceSnapshot::parse));
        }, group, tables.toArray(String[]::new));
        return checks;
    }

    @Override
    public Optional<PartitionLedger> load(PartitionKey key) {
        return jdbc.query("SELECT " + PARTITION_COLUMNS + " FROM dq_monitor.completeness_partitions"
                + " WHERE consumer_group = ? AND topic = ? AND partition = ? AND table_name = ?",
                (rs, n) -> ledger(rs), group, key.topic(), key.partition(), key.table()).stream().findFirst();
    }

    @Override
    public void save(Collection<PartitionLedger> ledgers) {
        fence.storeAll(ledgers, this::save);
    }

    private void save(PartitionLedger ledger) {
        fence.store(ledger, ledger.rows(), ledger.truncates(), json.writeValueAsString(ledger.tallies()));
    }

    @Override
    public List<PartitionLedger> partitions(String table) {
        return OwnState.read("dq_monitor.completeness_partitions", () -> jdbc.query("SELECT " + PARTITION_COLUMNS
                + " FROM dq_monitor.completeness_partitions WHERE consumer_group = ? AND table_name = ?",
                (rs, n) -> ledger(rs), group, table));
    }

    private PartitionLedger ledger(ResultSet rs) throws SQLException {
        return new PartitionLedger(new PartitionKey(rs.getString(1), rs.getInt(2), rs.getString(3)),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), json.readValue(rs.getString(7), TALLIES));
    }

    @Override
    public long begin(String table) {
        return jdbc.queryForObject("""
                INSERT INTO dq_monitor.completeness_checks (consumer_group, table_name) VALUES (?, ?)
                RETURNING id""", Long.class, group, table);
    }

    @Override
    public void complete(long check, long rows, SourceSnapshot snapshot) {
        jdbc.update("UPDATE dq_monitor.completeness_checks SET row_count = ?, snapshot = ? WHERE id = ?",
                rows, snapshot.text(), check);
    }

    @Override
    public void discard(long check) {
        jdbc.update("DELETE FROM dq_monitor.completeness_checks WHERE id = ?", check);
    }

    @Override
    public void discardUnfinished(String table, Duration age) {
        // the database's clock for begun_at and for its age: instances' clocks may differ
        jdbc.update("""
                DELETE FROM dq_monitor.completeness_checks WHERE consumer_group = ? AND table_name = ?
                    AND snapshot IS NULL AND begun_at < now() - make_interval(secs => ?)""",
                group, table, age.toMillis() / 1000.0);
    }

    @Override
    public List<CompletedCheck> completed(String table, Duration age) {
        return jdbc.query("""
                SELECT id, row_count, snapshot FROM dq_monitor.completeness_checks WHERE consumer_group = ?
                    AND table_name = ? AND snapshot IS NOT NULL AND NOT baseline
                    AND begun_at < now() - make_interval(secs => ?)
                ORDER BY id""",
                (rs, n) -> new CompletedCheck(rs.getLong(1), rs.getLong(2), SourceSnapshot.parse(rs.getString(3))),
                group, table, age.toMillis() / 1000.0);
    }

    @Override
    public Optional<Baseline> baseline(String table) {
        return jdbc.query("""
                SELECT id, row_count, snapshot, drift FROM dq_monitor.completeness_checks
                WHERE consumer_group = ? AND table_name = ? AND baseline""",
                (rs, n) -> new Baseline(new CompletedCheck(rs.getLong(1), rs.getLong(2),
                        SourceSnapshot.parse(rs.getString(3))), rs.getObject(4, Long.class)), group, table)
                .stream().findFirst();
    }

    @Override
    public boolean settle(String table, long check, long drift) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            // deleting the check is the claim: of two instances settling it at once, one stores its drift
            if (jdbc.update("DELETE FROM dq_monitor.completeness_checks WHERE id = ? AND NOT baseline", check) == 0) {
                return false;
            }
            jdbc.update("""
                    UPDATE dq_monitor.completeness_checks SET drift = ?, settled_at = now()
                    WHERE consumer_group = ? AND table_name = ? AND baseline""", drift, group, table);
            return true;
        }));
    }

    @Override
    public boolean rebase(String table, long check, Long drift) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.update("""
                    DELETE FROM dq_monitor.completeness_checks
                    WHERE consumer_group = ? AND table_name = ? AND baseline AND id <> ?""", group, table, check);
            if (jdbc.update("""
                    UPDATE dq_monitor.completeness_checks SET baseline = true, drift = ?, settled_at = now()
                    WHERE id = ? AND NOT baseline""", drift, check) == 1) {
                return true;
            }
            status.setRollbackOnly();
            return false;
        }));
    }
}
