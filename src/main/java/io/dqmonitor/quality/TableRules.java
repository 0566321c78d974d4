package io.dqmonitor.quality;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The rules of one table.
 *
 * @param table        {@code schema.table}
 * @param freshness    the longest the table may go without a change, or {@code null} when not bounded
 * @param checks       column rules applied to every after image
 * @param conditionals column rules applied only to rows whose listed columns hold the given values
 */
public record TableRules(String table, Duration freshness, List<ColumnCheck> checks, List<Conditional> conditionals) {

    /** One rule on one column. */
    record ColumnCheck(String column, ColumnRule rule) {
    }

    /** A {@code when} block: {@code if} column values (compared as text) and the checks that then apply. */
    record Conditional(Map<String, String> when, List<ColumnCheck> checks) {
    }

    /** Every (column, rule label) pair this table can report, for initialising counters at zero. */
    public List<Map.Entry<String, String>> columnRuleLabels() {
        return java.util.stream.Stream.concat(checks.stream(), conditionals.stream().flatMap(c -> c.checks().stream()))
                .map(check -> Map.entry(check.column(), check.rule().name()))
                .distinct()
                .toList();
    }
}
