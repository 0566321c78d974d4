package io.dqmonitor.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.SourcePosition;

/**
 * Counts a batch's values in the windows of its tables' thresholds. A value is counted when its change has an after
 * image holding the column, readable, and a commit time, which picks the window. A count bound counts only failing
 * values, each a place in a {@link LimitWindows} window; a percentage counts every value.
 */
final class ThresholdWindows {

    /** Why a value was not counted: its percentage window holds {@code dq.limits.max-window-values} already. */
    static final String WINDOW_FULL = "threshold_window_full";

    private final List<LimitWindows.Claim> claims = new ArrayList<>();
    private final List<Pending> claimed = new ArrayList<>();
    private final List<LimitWindows.Tally> tallies = new ArrayList<>();
    private final List<Pending> tallied = new ArrayList<>();

    private record Pending(int change, String table, Threshold threshold, Instant start) {
    }

    /** Adds the values of one change, the batch's {@code index}th, claimed or tallied by its position's id. */
    void add(TableRules rules, ChangeEvent event, SourcePosition position, int index) {
        if (rules.thresholds().isEmpty() || !event.op().hasAfterImage() || event.after() == null
                || event.sourceTimestamp() == null) {
            return;
        }
        for (Threshold threshold : rules.thresholds()) {
            String column = threshold.column();
            if (!event.after().containsKey(column) || event.unavailable().contains(column)
                    || threshold.rule().uncheckable(event.after().get(column)) != null) {
                continue;
            }
            boolean failed = !threshold.rule().accepts(event.after().get(column));
            long seconds = threshold.window().toSeconds();
            Instant start = Instant.ofEpochSecond(Math.floorDiv(event.sourceTimestamp().getEpochSecond(), seconds)
                    * seconds);
            String window = rules.table() + ":threshold:" + threshold.name() + ":" + start;
            Pending pending = new Pending(index, rules.table(), threshold, start);
            if (threshold.maxCount() != null && failed) {
                claims.add(new LimitWindows.Claim(window, position.id(), threshold.maxCount()));
                claimed.add(pending);
            } else if (threshold.percent() != null) {
                tallies.add(new LimitWindows.Tally(window, position.id(), failed, threshold.percent(),
                        threshold.inclusive(), threshold.minChanges(), threshold.window()));
                tallied.add(pending);
            }
        }
    }

    /** Counts the values added, and reports each threshold a change crossed and each value not counted. */
    void count(LimitWindows windows, List<List<Violation>> violations, RuleMetrics metrics) {
        if (!claims.isEmpty()) {
            int[] places = windows.places(claims);
            for (int c = 0; c < claims.size(); c++) {
                if (places[c] == claims.get(c).limit()) {
                    Pending p = claimed.get(c);
                    report(violations, p, (places[c] + 1) + " values broke " + p.threshold().rule().name());
                }
            }
        }
        if (!tallies.isEmpty()) {
            LimitWindows.Counted[] counted = windows.count(tallies);
            for (int t = 0; t < tallies.size(); t++) {
                Pending p = tallied.get(t);
                if (counted[t].full()) {
                    metrics.ruleSkipped(p.table(), WINDOW_FULL);
                } else if (counted[t].crossed()) {
                    report(violations, p, counted[t].failed() + " of " + counted[t].total() + " values broke "
                            + p.threshold().rule().name());
                }
            }
        }
    }

    private static void report(List<List<Violation>> violations, Pending p, String counts) {
        Threshold threshold = p.threshold();
        String detail = threshold.name() + ": " + counts + " in the window from " + p.start() + " ("
                + threshold.describe() + ")";
        List<Violation> over = new ArrayList<>(violations.get(p.change()));
        over.add(new Violation(threshold.column(), Threshold.RULE, detail, threshold.clause()));
        violations.set(p.change(), over);
    }
}
