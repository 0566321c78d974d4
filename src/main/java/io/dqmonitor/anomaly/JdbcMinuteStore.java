package io.dqmonitor.anomaly;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.dqmonitor.cdc.OwnState;
import io.dqmonitor.partitions.OffsetFence;
import io.dqmonitor.partitions.PartitionFences;
import io.dqmonitor.partitions.PartitionKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one owner of {@code dq_monitor.anomaly_partitions}, {@code anomaly_minutes} and {@code anomaly_tables}, each
 * keyed by the consumer group.
 */
@Repository
class JdbcMinuteStore implements MinuteStore {

    private static final String PARTITION = """
            SELECT topic, partition, table_name, next_offset, open_minute, open_counts::text
            FROM dq_monitor.anomaly_partitions WHERE consumer_group = ?""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String group;
    private final OffsetFence fence;

    JdbcMinuteStore(JdbcTemplate jdbc, JsonMapper json, PartitionFences fences) {
        this.jdbc = jdbc;
        this.json = json;
        this.group = fences.group();
        this.fence = fences.fence("the anomaly signals", "dq_monitor.anomaly_partitions",
                List.of("open_minute", "open_counts::jsonb"));
    }

    @Override
    public Optional<PartitionSignals> load(PartitionKey key) {
        return jdbc.query(PARTITION + " AND topic = ? AND partition = ? AND table_name = ?",
                (rs, n) -> partition(rs), group, key.topic(), key.partition(), key.table()).stream().findFirst();
    }

    @Override
    public void save(Collection<PartitionSignals> partitions) {
        fence.storeAll(partitions, this::save);
    }

    private void save(PartitionSignals partition) {
        PartitionKey key = partition.key();
        fence.store(partition, partition.openMinute(), json.writeValueAsString(partition.open()));
        jdbc.batchUpdate("""
                INSERT INTO dq_monitor.anomaly_minutes (consumer_group, table_name, minute, topic, partition, counts)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (consumer_group, table_name, minute, topic, partition)
                DO UPDATE SET counts = EXCLUDED.counts""", partition.closed(), 500, (ps, closed) -> {
                    ps.setString(1, group);
                    ps.setString(2, key.table());
                    ps.setLong(3, closed.minute());
                    ps.setString(4, key.topic());
                    ps.setInt(5, key.partition());
                    ps.setString(6, json.writeValueAsString(closed.counts()));
                });
    }

    @Override
    public List<PartitionSignals> partitions(String table) {
        return OwnState.read("dq_monitor.anomaly_partitions",
                () -> jdbc.query(PARTITION + " AND table_name = ?", (rs, n) -> partition(rs), group, table));
    }

    private PartitionSignals partition(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PartitionSignals(new PartitionKey(rs.getString(1), rs.getInt(2), rs.getString(3)),
                rs.getLong(4), rs.getLong(5), json.readValue(rs.getString(6), MinuteCounts.class));
    }

    @Override
    public Map<Long, MinuteCounts> minutes(String table, long from, long to) {
        Map<Long, MinuteCounts> minutes = new TreeMap<>();
        return OwnState.read("dq_monitor.anomaly_minutes", () -> {
            jdbc.query("""
                    SELECT minute, counts::text FROM dq_monitor.anomaly_minutes
                    WHERE consumer_group = ? AND table_name = ? AND minute >= ? AND minute < ?""", rs -> {
                MinuteCounts counts = json.readValue(rs.getString(2), MinuteCounts.class);
                minutes.merge(rs.getLong(1), counts, (a, b) -> {
                    a.merge(b);
                    return a;
                });
            }, group, table, from, to);
            return minutes;
        });
    }

    @Override
    public TableWindows.State state(String table) {
        return OwnState.read("dq_monitor.anomaly_tables", () -> jdbc.query("SELECT next_minute, pools::text FROM "
                + "dq_monitor.anomaly_tables WHERE consumer_group = ? AND table_name = ?",
                (rs, n) -> new TableWindows.State(rs.getLong(1),
                        json.readValue(rs.getString(2), TableWindows.State.class).pools()), group, table))
                .stream().findFirst().orElse(TableWindows.State.fresh());
    }

    @Override
    public void judged(String table, TableWindows.State state) {
        jdbc.update("""
                INSERT INTO dq_monitor.anomaly_tables (consumer_group, table_name, next_minute, pools)
                VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (consumer_group, table_name) DO UPDATE SET next_minute = EXCLUDED.next_minute,
                    pools = EXCLUDED.pools, updated_at = now()""", group, table, state.nextMinute(),
                json.writeValueAsString(state));
        jdbc.update("DELETE FROM dq_monitor.anomaly_minutes WHERE consumer_group = ? AND table_name = ? AND minute < ?",
                group, table, state.nextMinute());
    }
}
