package io.dqmonitor.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.cdc.OwnState;
import io.dqmonitor.cdc.Storable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one owner of {@code dq_monitor.schema_baselines} SQL. A claim is a compare-and-set on the event that set the
 * baseline: each baseline is set by a different event, so two instances claiming from the same baseline cannot both
 * win, and the event that won wins again when it is read again.
 */
@Component
class JdbcSchemaBaselines implements SchemaBaselines {

    private static final TypeReference<Map<String, String>> COLUMNS = new TypeReference<>() {
    };
    private static final String SELECT = """
            SELECT columns::text AS columns, previous_columns::text AS previous_columns, source_ts, event_id
            FROM dq_monitor.schema_baselines WHERE md5(table_name) = md5(?)""";
    private static final String INSERT = """
            INSERT INTO dq_monitor.schema_baselines (table_name, columns, previous_columns, source_ts, event_id)
            VALUES (?, ?::jsonb, ?::jsonb, ?, ?)
            ON CONFLICT (md5(table_name)) DO UPDATE SET updated_at = now()
            WHERE dq_monitor.schema_baselines.event_id = EXCLUDED.event_id""";
    private static final String UPDATE = """
            UPDATE dq_monitor.schema_baselines
            SET columns = ?::jsonb, previous_columns = ?::jsonb, source_ts = ?, event_id = ?, updated_at = now()
            WHERE md5(table_name) = md5(?) AND event_id IN (?, ?)""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    JdbcSchemaBaselines(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Baseline> load(String table) {
        return OwnState.read("dq_monitor.schema_baselines",
                () -> jdbc.query(SELECT, (rs, n) -> baseline(rs), Storable.name(table))).stream().findFirst();
    }

    @Override
    public boolean claim(String table, Optional<Baseline> expected, Baseline next) {
        String columns = json.writeValueAsString(next.columns());
        String previous = next.previousColumns() == null ? null : json.writeValueAsString(next.previousColumns());
        Timestamp sourceTs = next.sourceTimestamp() == null ? null : Timestamp.from(next.sourceTimestamp());
        int claimed = expected.isEmpty()
                ? jdbc.update(INSERT, Storable.name(table), columns, previous, sourceTs, next.eventId())
                : jdbc.update(UPDATE, columns, previous, sourceTs, next.eventId(), Storable.name(table),
                        expected.get().eventId(), next.eventId());
        return claimed == 1;
    }

    private Baseline baseline(ResultSet rs) throws SQLException {
        String previous = rs.getString("previous_columns");
        Timestamp sourceTs = rs.getTimestamp("source_ts");
        return new Baseline(json.readValue(rs.getString("columns"), COLUMNS),
                previous == null ? null : json.readValue(previous, COLUMNS),
                sourceTs == null ? null : sourceTs.toInstant(), rs.getString("event_id"));
    }
}
