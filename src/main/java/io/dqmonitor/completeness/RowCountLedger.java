package io.dqmonitor.completeness;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.partitions.PartitionKey;
import io.dqmonitor.partitions.PartitionStates;
import io.dqmonitor.partitions.PartitionsMoved;
import io.dqmonitor.partitions.StoredChange;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The change stream's side of the completeness check: counts each stored batch's creates, snapshot reads, deletes and
 * truncates into the {@link PartitionLedger} of their table and partition, and stores those ledgers before the batch's
 * offsets are committed ({@link PartitionStates}).
 */
@Component
public class RowCountLedger {

    private final LedgerStore store;
    private final RowCounters counters;
    private final boolean enabled;
    private final PartitionStates<PartitionLedger> ledgers;

    RowCountLedger(LedgerStore store, RowCounters counters, CompletenessProperties properties) {
        this.store = store;
        this.counters = counters;
        this.enabled = properties.enabled();
        this.ledgers = new PartitionStates<>(store::load, PartitionLedger::empty);
    }

    /** Counts a stored batch: one read of the checks under way and one write of the ledgers it moved. */
    public void record(List<StoredChange> batch) {
        // decided once per table of the batch: matching the configured databases' patterns is not free
        Map<String, Boolean> countable = new HashMap<>();
        List<StoredChange> counted = enabled ? batch.stream()
                .filter(c -> countable.computeIfAbsent(c.event().table(), this::isCounted)).toList() : List.of();
        if (counted.isEmpty()) {
            return;
        }
        Set<String> tables = counted.stream().map(c -> c.event().table()).collect(Collectors.toSet());
        Map<String, Map<Long, Optional<SourceSnapshot>>> checks = store.checks(tables);
        ledgers.batch(() -> {
            Map<PartitionKey, PartitionLedger> moved = new LinkedHashMap<>();
            for (StoredChange c : counted) {
                PartitionLedger ledger = ledgers.get(c.key());
                if (ledger.record(c.offset(), c.event().position(), rowDelta(c.event()), truncates(c.event()),
                        checks.getOrDefault(c.event().table(), Map.of()))) {
                    moved.put(c.key(), ledger);
                }
            }
            store.save(moved.values());
        });
    }

    @EventListener
    public void released(PartitionsMoved moved) {
        ledgers.release(moved);
    }

    /**
     * Every table whose database can be counted, with rules or without: a table that leaves the rules and comes back
     * finds its ledger complete.
     */
    private boolean isCounted(String table) {
        return counters.of(table).isPresent();
    }

    private static long rowDelta(ChangeEvent event) {
        return switch (event.op()) {
            case CREATE, READ -> 1;
            case DELETE -> -1;
            case UPDATE, TRUNCATE -> 0;
        };
    }

    private static long truncates(ChangeEvent event) {
        return switch (event.op()) {
            case TRUNCATE -> 1;
            default -> 0;
        };
    }
}
