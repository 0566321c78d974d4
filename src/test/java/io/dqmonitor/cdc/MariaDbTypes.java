package io.dqmonitor.cdc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row {@code MariaDbIT} writes to {@code monitoring.all_types} (src/test/resources/stack/mariadb-types.sql), as
 * dq-monitor must decode it from what the Debezium MariaDB connector emits, and the record that connector emitted for
 * it, captured once into {@code src/test/resources/cdc/mariadb-all-types.jsonl} (key line, value line).
 */
public final class MariaDbTypes {

    public static final String INSERT = """
            INSERT INTO all_types (dec_col, dt_col, ts_col, date_col, time_col, bool_col, enum_col, set_col,
              json_col, bit_col, big_u, int_u, small_u, tiny_u, year_col)
            VALUES (12345.678, '2026-11-25 10:20:30.456', '2026-11-25 10:20:30.123456', '2026-02-28',
              '13:14:15.678', 1, 'medium', 'red,blue', '{"k": [1, 2]}', b'1000000001',
              18446744073709551615, 4294967295, 65535, 255, 2026)""";

    public static final Path CAPTURED = Path.of("src", "test", "resources", "cdc", "mariadb-all-types.jsonl");

    /** Every column of the row, decoded: the connector's encoding of each type, read back. */
    public static Map<String, Object> expectedAfter() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", 1L);
        after.put("dec_col", new BigDecimal("12345.678"));              // DECIMAL: base64 bytes, scale in the schema
        after.put("dt_col", "2026-11-25T10:20:30.456");                 // DATETIME(3): epoch millis, no zone
        after.put("ts_col", "2026-11-25T10:20:30.123456Z");             // TIMESTAMP(6): ZonedTimestamp text, UTC
        after.put("date_col", "2026-02-28");                            // DATE: epoch days
        after.put("time_col", "13:14:15.678");                          // TIME(3): micros of the day
        after.put("bool_col", 1L);                                      // TINYINT(1): int16, not boolean
        after.put("enum_col", "medium");                                // ENUM: its text
        after.put("set_col", "red,blue");                               // SET: comma-separated text
        after.put("json_col", "{\"k\": [1, 2]}");                       // JSON: MariaDB's alias of LONGTEXT, text
        after.put("bit_col", 513L);                                     // BIT(10): little-endian bytes
        after.put("big_u", new BigDecimal(new BigInteger("18446744073709551615"))); // BIGINT UNSIGNED, precise mode
        after.put("int_u", 4294967295L);                                // INT UNSIGNED: int64
        after.put("small_u", 65535L);                                   // SMALLINT UNSIGNED: int32
        after.put("tiny_u", 255L);                                      // TINYINT UNSIGNED: int16
        after.put("year_col", 2026L);                                   // YEAR: int32
        return after;
    }

    /** The captured record: key and value bytes, as Kafka held them. */
    public static List<byte[]> captured() throws java.io.IOException {
        List<String> lines = Files.readAllLines(CAPTURED, StandardCharsets.UTF_8);
        return List.of(lines.get(0).getBytes(StandardCharsets.UTF_8), lines.get(1).getBytes(StandardCharsets.UTF_8));
    }

    private MariaDbTypes() {
    }
}
