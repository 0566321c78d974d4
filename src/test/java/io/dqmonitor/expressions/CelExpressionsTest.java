package io.dqmonitor.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.rules.ColumnRule;
import io.dqmonitor.rules.ColumnRule.Verdict;
import io.dqmonitor.rules.InvalidRulesException;
import org.junit.jupiter.api.Test;

class CelExpressionsTest {

    private static final String PATH = "dq.tables.public.bookings.expressions[0]";
    private static final Map<String, String> TYPES = Map.of("starts_at", "io.debezium.time.MicroTimestamp",
            "ends_at", "io.debezium.time.ZonedTimestamp", "day", "io.debezium.time.Date", "amount",
            "org.apache.kafka.connect.data.Decimal", "id", "int64");

    private final CelExpressions expressions = new CelExpressions();

    @Test
    void comparesTimestampsAcrossColumns() {
        ColumnRule.EventRule rule = expressions.compile(PATH, "after.ends_at >= after.starts_at", null);

        assertThat(rule.name()).isEqualTo("expression");
        assertThat(rule.check(create(row("starts_at", "2026-12-07T10:00:00.123456", "ends_at",
                "2026-12-07T12:00:00+01:00")))).isEqualTo(Verdict.PASSED);
        assertThat(rule.check(create(row("starts_at", "2026-12-07T10:00:00.000001", "ends_at",
                "2026-12-07T10:00:00Z")))).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void comparesDecimalsWithWholeNumbersAndTheBeforeImage() {
        ColumnRule.EventRule rule = expressions.compile(PATH, "op != 'update' || after.amount <= before.amount + 1.0", null);

        assertThat(rule.check(update(row("amount", new BigDecimal("10.50")), row("amount", new BigDecimal("11.50")))))
                .isEqualTo(Verdict.PASSED);
        assertThat(rule.check(update(row("amount", new BigDecimal("10.50")), row("amount", new BigDecimal("11.51")))))
                .isEqualTo(Verdict.VIOLATED);
        assertThat(rule.check(create(row("amount", new BigDecimal("99"))))).isEqualTo(Verdict.PASSED);
    }

    @Test
    void whenLimitsTheChangesChecked() {
        ColumnRule.EventRule rule = expressions.compile(PATH, "after.amount > 0", "after.kind == 'purchase'");

        assertThat(rule.check(create(row("kind", "purchase", "amount", new BigDecimal("0"))))).isEqualTo(Verdict.VIOLATED);
        assertThat(rule.check(create(row("kind", "login", "amount", new BigDecimal("0"))))).isEqualTo(Verdict.PASSED);
    }

    @Test
    void deletesAndTheSourceAreVisible() {
        ColumnRule.EventRule rule = expressions.compile(PATH, "op != 'delete' || before.status != 'active'", null);
        ChangeEvent delete = new ChangeEvent("public.bookings", Op.DELETE, Map.of("id", 1L),
                row("status", "active"), null, Instant.parse("2026-12-07T10:00:00Z"), Position.NONE, TYPES);
        assertThat(rule.check(delete)).isEqualTo(Verdict.VIOLATED);

        ColumnRule.EventRule source = expressions.compile(PATH, "source.table == 'public.bookings' && "
                + "source.commit_time < timestamp('2026-12-08T00:00:00Z') && after.day == timestamp('2026-12-07T00:00:00Z')",
                null);
        assertThat(source.check(create(row("day", "2026-12-07")))).isEqualTo(Verdict.PASSED);
    }

    @Test
    void anExpressionThatFailsOnAChangeIsSkippedNotAViolation() {
        ColumnRule.EventRule missing = expressions.compile(PATH, "after.refund <= after.amount", null);
        ColumnRule.EventRule nullCompared = expressions.compile(PATH, "after.amount > 0", null);

        assertThat(missing.check(create(row("amount", new BigDecimal("1"))))).isEqualTo(Verdict.skipped("expression_error"));
        assertThat(nullCompared.check(create(row("amount", null)))).isEqualTo(Verdict.skipped("expression_error"));
    }

    @Test
    void nullsAndMissingColumnsCanBeAskedFor() {
        ColumnRule.EventRule rule = expressions.compile(PATH, "!has(after.refund) && after.amount == null", null);

        assertThat(rule.check(create(row("amount", null)))).isEqualTo(Verdict.PASSED);
    }

    @Test
    void valuesAndWorkBeyondTheBoundsAreCountedOutcomes() {
        ColumnRule.EventRule rule = expressions.compile(PATH, "size(after.note) > 0", null);
        assertThat(rule.check(create(row("note", "x".repeat(CelActivation.MAX_TEXT + 1)))))
                .isEqualTo(Verdict.skipped("expression_value_too_large"));

        List<Object> items = new ArrayList<>();
        for (long i = 0; i < 200; i++) {
            items.add(i);
        }
        ColumnRule.EventRule quadratic = expressions.compile(PATH, "after.items.all(x, after.items.all(y, x + y >= 0))",
                null);
        assertThat(quadratic.check(create(row("items", items)))).isEqualTo(Verdict.skipped("expression_error"));
    }

    @Test
    void aSyntaxErrorNamesTheSettingAndThePosition() {
        assertThatThrownBy(() -> expressions.compile(PATH, "after.amount >", null))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining(PATH + ".expr")
                .hasMessageContaining("at line 1, column 15");
    }

    @Test
    void anExpressionThatIsNotTrueOrFalseOrNamesUnknownVariablesIsRefused() {
        assertThatThrownBy(() -> expressions.compile(PATH, "1 + 2", null))
                .isInstanceOf(InvalidRulesException.class).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> expressions.compile(PATH, "after.a > 1", "row.kind == 'x'"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining(PATH + ".when").hasMessageContaining("row");
    }

    private static ChangeEvent create(Map<String, Object> after) {
        return new ChangeEvent("public.bookings", Op.CREATE, Map.of("id", 1L), null, after,
                Instant.parse("2026-12-07T10:00:00Z"), Position.NONE, TYPES);
    }

    private static ChangeEvent update(Map<String, Object> before, Map<String, Object> after) {
        return new ChangeEvent("public.bookings", Op.UPDATE, Map.of("id", 1L), before, after,
                Instant.parse("2026-12-07T10:00:00Z"), Position.NONE, TYPES);
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }
}
