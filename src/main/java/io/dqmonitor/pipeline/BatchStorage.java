package io.dqmonitor.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.partitions.CaughtUp;
import io.dqmonitor.partitions.TableLeads;
import io.dqmonitor.rules.TableLimits;
import io.dqmonitor.rules.Violation;
import org.springframework.stereotype.Component;

/**
 * What becomes of a checked batch, the same on the consumer thread and on the store thread: its table limits claimed,
 * its effects stored, and only then counted in memory. A failure before the counting throws, so nothing counted runs
 * ahead of what is stored.
 */
@Component
class BatchStorage {

    private final TableLimits limits;
    private final TableLeads leads;
    private final PipelineHealth health;
    private final BatchEffects effects;
    private final BatchAccounting accounting;

    BatchStorage(TableLimits limits, TableLeads leads, PipelineHealth health, BatchEffects effects,
            BatchAccounting accounting) {
        this.limits = limits;
        this.leads = leads;
        this.health = health;
        this.effects = effects;
        this.accounting = accounting;
    }

    /** {@code caughtUp} tells which partitions are read to their end, for the heartbeats' closing of minutes. */
    void store(CheckedBatch checked, CaughtUp caughtUp) {
        CheckedBatch batch = new CheckedBatch(withLimits(checked.events()), checked.rejections(), checked.others());
        effects.store(batch, caughtUp);
        accounting.account(batch);
    }

    /**
     * Adds the table limits' violations: one round trip to the shared windows for the batch. Done when the batch is
     * about to be stored (on the store thread when it is stored ahead), so that batches claim their places in the
     * order they are read, and the consumer thread does not wait for Redis.
     */
    private List<CheckedBatch.Checked> withLimits(List<CheckedBatch.Checked> events) {
        // the masked event has the raw one's table, operation, time and position, and the id is the raw change's;
        // a table whose topic has one partition has its changes in source order: a transaction's are consecutive
        Map<String, Boolean> ordered = new HashMap<>();
        List<List<Violation>> over = health.read(PipelineHealth.LIMITS, () -> limits.check(events.stream()
                .map(c -> new TableLimits.Change(c.event(), c.position(),
                        ordered.computeIfAbsent(c.event().table(), table -> leads.partitions(table) == 1)))
                .toList()));
        List<CheckedBatch.Checked> checked = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            CheckedBatch.Checked c = events.get(i);
            checked.add(over.get(i).isEmpty() ? c : c.withViolations(over.get(i)));
        }
        return checked;
    }
}
