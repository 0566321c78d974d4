package io.dqmonitor.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/violations}: the violation history, newest first. */
@RestController
class ViolationsController {

    static final int MAX_LIMIT = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    ViolationsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/violations")
    List<Map<String, Object>> violations(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String table,
            @RequestParam(required = false) String column,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String since) {
        int count = limit == null ? 100 : limit;
        if (count < 1 || count > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        StringBuilder sql = new StringBuilder("""
                SELECT table_name, column_name, rule, value, row_key::text AS row_key, op, lsn, tx_id, source_ts,
                       detected_at FROM dq_monitor.violations WHERE true""");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "table_name", table);
        filter(sql, args, "column_name", column);
        filter(sql, args, "rule", rule);
        if (since != null) {
            sql.append(" AND detected_at >= ?");
            args.add(Timestamp.from(instant(since)));
        }
        sql.append(" ORDER BY detected_at DESC, id DESC LIMIT ?");
        args.add(count);
        return jdbc.query(sql.toString(), (rs, n) -> row(rs), args.toArray());
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static Instant instant(String since) {
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "since must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table", rs.getString("table_name"));
        row.put("column", rs.getString("column_name"));
        row.put("rule", rs.getString("rule"));
        row.put("value", rs.getString("value"));
        String key = rs.getString("row_key");
        row.put("rowKey", key == null ? null : JSON.readTree(key));
        row.put("op", rs.getString("op"));
        row.put("lsn", rs.getObject("lsn"));
        row.put("txId", rs.getObject("tx_id"));
        Timestamp source = rs.getTimestamp("source_ts");
        row.put("sourceTimestamp", source == null ? null : source.toInstant().toString());
        row.put("detectedAt", rs.getTimestamp("detected_at").toInstant().toString());
        return row;
    }
}
