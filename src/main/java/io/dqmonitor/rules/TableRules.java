package io.dqmonitor.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dqmonitor.privacy.PiiMode;

/**
 * The rules of one table.
 *
 * @param table                 {@code schema.table}
 * @param freshness             the longest the table may go without a change, or {@code null} when not bounded
 * @param checks                column rules applied to every change
 * @param conditionals          column rules applied only to rows whose listed columns hold the given values
 * @param maxDeletesPerMinute   most deletes allowed per minute of source commit time, or {@code null}
 * @param maxRowsPerTransaction most rows of this table one transaction may change, or {@code null}
 * @param personal              the columns declared personal ({@code pii:}) and how each is masked
 * @param anomaly               how the table's signals are learned ({@code anomaly:})
 * @param thresholds            shares of failing values counted per window ({@code thresholds:})
 * @param rows                  the fewest and most rows the table may hold ({@code min-rows}, {@code max-rows}), each
 *                              null when not bounded, checked on the completeness counts
 */
public record TableRules(String table, Duration freshness, List<ColumnCheck> checks, List<Conditional> conditionals,
        Integer maxDeletesPerMinute, Integer maxRowsPerTransaction, Map<String, PiiMode> personal,
        AnomalyRules anomaly, List<Threshold> thresholds, RowBounds rows) {

    /** A table without thresholds or row bounds. */
    public TableRules(String table, Duration freshness, List<ColumnCheck> checks, List<Conditional> conditionals,
            Integer maxDeletesPerMinute, Integer maxRowsPerTransaction, Map<String, PiiMode> personal,
            AnomalyRules anomaly) {
        this(table, freshness, checks, conditionals, maxDeletesPerMinute, maxRowsPerTransaction, personal, anomaly,
                List.of(), RowBounds.NONE);
    }

    /** The rule label, with column {@value #TABLE_COLUMN}, of a row count outside {@link #rows}. */
    public static final String ROW_COUNT = "row_count";

    /** Bounds on a table's row count, inclusive; either may be null. */
    public record RowBounds(Long min, Long max) {

        public static final RowBounds NONE = new RowBounds(null, null);

        public boolean bounded() {
            return min != null || max != null;
        }

        public boolean allows(long rows) {
            return (min == null || rows >= min) && (max == null || rows <= max);
        }
    }

    /** A table with default anomaly settings. */
    public TableRules(String table, Duration freshness, List<ColumnCheck> checks, List<Conditional> conditionals,
            Integer maxDeletesPerMinute, Integer maxRowsPerTransaction, Map<String, PiiMode> personal) {
        this(table, freshness, checks, conditionals, maxDeletesPerMinute, maxRowsPerTransaction, personal,
                AnomalyRules.DEFAULTS);
    }

    /** A table without personal columns. */
    public TableRules(String table, Duration freshness, List<ColumnCheck> checks, List<Conditional> conditionals,
            Integer maxDeletesPerMinute, Integer maxRowsPerTransaction) {
        this(table, freshness, checks, conditionals, maxDeletesPerMinute, maxRowsPerTransaction, Map.of());
    }

    /** The column label of table-level rules in metrics and history. */
    public static final String TABLE_COLUMN = "*";

    /** One rule on one column; {@code clause} names the contract clauses it checks, or is null for native rules. */
    public record ColumnCheck(String column, ColumnRule rule, String clause) {

        public ColumnCheck(String column, ColumnRule rule) {
            this(column, rule, null);
        }
    }

    /** A {@code when} block: {@code if} column values (compared as text) and the checks that then apply. */
    public record Conditional(Map<String, String> when, List<ColumnCheck> checks) {
    }

    /** Every (column, rule label) pair this table can report, for initialising counters at zero. */
    public List<Map.Entry<String, String>> columnRuleLabels() {
        Stream<Map.Entry<String, String>> columns = Stream.concat(checks.stream(),
                        conditionals.stream().flatMap(c -> c.checks().stream()))
                .map(check -> Map.entry(check.column(), check.rule().name()));
        Stream<Map.Entry<String, String>> tableLevel = Stream.of(
                        maxDeletesPerMinute == null ? null : Map.entry(TABLE_COLUMN, TableLimits.MAX_DELETES),
                        maxRowsPerTransaction == null ? null : Map.entry(TABLE_COLUMN, TableLimits.MAX_ROWS),
                        rows.bounded() ? Map.entry(TABLE_COLUMN, ROW_COUNT) : null)
                .filter(java.util.Objects::nonNull);
        Stream<Map.Entry<String, String>> windowed = thresholds.stream()
                .map(threshold -> Map.entry(threshold.column(), Threshold.RULE));
        return Stream.concat(Stream.concat(columns, tableLevel), windowed).distinct().toList();
    }
}
