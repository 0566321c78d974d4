package io.dqmonitor.completeness;

import java.util.List;
import java.util.Optional;

/**
 * Settles a check against the table's baseline. A check's count minus the rows its snapshot saw in the stream,
 * summed over every partition's ledger, is the table's unaccounted rows: it stays what the baseline's is while no
 * change is lost, so the difference is the drift. Both sums are taken now, so a change the baseline's snapshot saw
 * that arrived late counts on both sides. A check that sees a truncate the baseline did not becomes the baseline: the
 * rows a truncate removed have no delete events.
 */
final class Settlement {

    /** The check becomes the baseline ({@code rebase}), or is ended; either way {@code drift} is the table's now. */
    record Outcome(boolean rebase, Long drift) {
    }

    private Settlement() {
    }

    static Outcome of(Optional<LedgerStore.Baseline> baseline, LedgerStore.CompletedCheck check,
            List<PartitionLedger> partitions) {
        if (baseline.isEmpty()) {
            return new Outcome(true, null);
        }
        long[] seen = seen(check, partitions);
        long[] seenByBaseline = seen(baseline.get().check(), partitions);
        if (seen[1] != seenByBaseline[1]) {
            return new Outcome(true, baseline.get().drift());
        }
        long unaccounted = check.rows() - seen[0];
        return new Outcome(false, unaccounted - (baseline.get().check().rows() - seenByBaseline[0]));
    }

    /** The rows and truncates of the stream the check's snapshot saw, over all partitions. */
    private static long[] seen(LedgerStore.CompletedCheck check, List<PartitionLedger> partitions) {
        long[] seen = new long[2];
        for (PartitionLedger partition : partitions) {
            long[] part = partition.seenBy(check.id(), check.snapshot());
            seen[0] += part[0];
            seen[1] += part[1];
        }
        return seen;
    }
}
