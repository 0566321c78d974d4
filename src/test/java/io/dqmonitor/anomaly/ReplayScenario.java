package io.dqmonitor.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;

/**
 * Two simulated weeks of a shop's {@code shop.orders} table, minute by minute, with four incidents. Orders are
 * created about 6 a minute by day and 1.5 at night on weekdays (up to 12 and 3), half as many at weekends; each
 * created order is updated about half as often and deleted a twentieth as often. {@code amount} is about 50 (a few
 * in a hundred are negative, which the rules call a violation) and {@code note} is missing one time in twenty.
 * <p>
 * Everything is drawn from one seeded generator: the same seed gives the same changes, so the test's counts are
 * exact.
 */
public final class ReplayScenario {

    /** A Thursday; the replay runs two weeks from here. */
    public static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    public static final int MINUTES = 14 * 1440;
    public static final Instant END = START.plus(Duration.ofMinutes(MINUTES));

    /** One minute: 300 orders deleted (a faulty clean-up job), on the second Thursday at 10:00. */
    public static final Incident DELETE_BURST = new Incident("delete burst", minute(7, 10, 0), 1);
    /** Two hours in which six notes in ten are missing (a form field dropped), the second Friday from 11:00. */
    public static final Incident NOTES_MISSING = new Incident("notes missing", minute(8, 11, 0), 120);
    /** An hour without a single change (the application stopped writing), the second Monday from 14:00. */
    public static final Incident SILENCE = new Incident("silence", minute(11, 14, 0), 60);
    /** Two hours of amounts near 80 instead of 50 (a currency mix-up), the second Tuesday from 10:00. */
    public static final Incident AMOUNT_SHIFT = new Incident("amount shift", minute(12, 10, 0), 120);

    /** The rules of {@code shop.orders}: amounts must not be negative; the note's null rate is learned too. */
    public static final String AMOUNT_RULE = "dq.tables.shop.orders.columns.amount.min=0";
    public static final String NOTE_LEARNED = "dq.tables.shop.orders.anomaly.columns[0]=note";

    /** Each signal the replay must raise, with its incident: one anomaly each, and nothing else. */
    public static final Map<String, Incident> EXPECTED = Map.of(
            "changes_delete", DELETE_BURST, "delete_share", DELETE_BURST,
            "null_rate:note", NOTES_MISSING,
            "changes_create", SILENCE, "changes_update", SILENCE,
            "mean:amount", AMOUNT_SHIFT);
    /** An incident counts as seen in time when a window raised for it began within this many of its first minutes. */
    public static final int FIRST_MINUTES = 15;

    public record Incident(String name, int firstMinute, int minutes) {

        public boolean covers(int minute) {
            return minute >= firstMinute && minute < firstMinute + minutes;
        }

        public Instant start() {
            return START.plusSeconds(60L * firstMinute);
        }

        /** Whether a window raised for this incident is one of its first. */
        public boolean seenInTime(Instant windowStart, Instant windowEnd) {
            return windowEnd.isAfter(start()) && windowStart.isBefore(start().plusSeconds(60L * FIRST_MINUTES));
        }
    }

    /** One row change: {@code amount} and {@code note} of the row after it (before it, for a delete). */
    public record Change(Instant at, Op op, long id, double amount, String note) {

        public boolean violates() {
            return op != Op.DELETE && amount < 0;
        }

        public ChangeEvent event() {
            Map<String, Object> row = new HashMap<>();
            row.put("id", id);
            row.put("amount", BigDecimal.valueOf(amount));
            row.put("note", note);
            return new ChangeEvent("shop.orders", op, Map.of("id", id), op == Op.CREATE ? null : row,
                    op == Op.DELETE ? null : row, at, Position.postgres((long) id, (long) id), Map.of());
        }

        /** As Debezium's JSON converter writes it with schemas off ({@code decimal.handling.mode=double}). */
        public String json() {
            String row = "{\"id\":%d,\"amount\":%s,\"note\":%s}".formatted(id, amount,
                    note == null ? "null" : '"' + note + '"');
            return ("{\"before\":%s,\"after\":%s,\"source\":{\"version\":\"3.7.0.Final\",\"connector\":\"postgresql\","
                    + "\"name\":\"replay\",\"ts_ms\":%d,\"db\":\"shop\",\"schema\":\"shop\",\"table\":\"orders\","
                    + "\"txId\":%d,\"lsn\":%d},\"op\":\"%s\",\"ts_ms\":%d}").formatted(
                    op == Op.CREATE ? "null" : row, op == Op.DELETE ? "null" : row, at.toEpochMilli(), id, id,
                    op == Op.CREATE ? "c" : op == Op.UPDATE ? "u" : "d", at.toEpochMilli() + 20);
        }
    }

    private final Random random = new Random(20261001);
    private long nextId = 1;

    private static int minute(int day, int hour, int minute) {
        return day * 1440 + hour * 60 + minute;
    }

    /** The changes of one simulated minute, in commit order. */
    public List<Change> minute(int minute) {
        List<Change> changes = new ArrayList<>();
        if (SILENCE.covers(minute)) {
            return changes;
        }
        double rate = 2 * rhythm(minute);
        int creates = poisson(random, rate);
        int updates = poisson(random, rate / 2);
        int deletes = DELETE_BURST.covers(minute) ? 300 : poisson(random, rate / 20);
        int total = creates + updates + deletes;
        for (int i = 0; i < total; i++) {
            Instant at = START.plusMillis(60_000L * minute + 60_000L * i / total);
            Op op = i < creates ? Op.CREATE : i < creates + updates ? Op.UPDATE : Op.DELETE;
            long id = op == Op.CREATE ? nextId++ : 1 + (long) (random.nextDouble() * Math.max(1, nextId - 1));
            changes.add(new Change(at, op, id, amount(minute), note(minute)));
        }
        return changes;
    }

    /**
     * A table's daily and weekly rhythm, {@code minute} minutes after a Thursday's midnight: 6 a minute at the day's
     * peak, 1.5 at night, half as many at weekends.
     */
    public static double rhythm(int minute) {
        double hour = (minute % 1440) / 60.0;
        boolean weekend = (minute / 1440 + 3) % 7 >= 5;
        return (3.75 + 2.25 * Math.sin(2 * Math.PI * (hour - 8) / 24)) * (weekend ? 0.5 : 1);
    }

    private double amount(int minute) {
        if (random.nextDouble() < 0.02) {
            return -Math.round(1 + random.nextDouble() * 9);
        }
        double mean = AMOUNT_SHIFT.covers(minute) ? 80 : 50;
        return Math.round((mean + 10 * random.nextGaussian()) * 100) / 100.0;
    }

    private String note(int minute) {
        double missing = NOTES_MISSING.covers(minute) ? 0.6 : 0.05;
        return random.nextDouble() < missing ? null : "gift wrap " + random.nextInt(100);
    }

    /** A Poisson draw (Knuth's method: fine for the small means here). */
    public static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
