package io.dqmonitor.completeness;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.PartitionsMoved;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The change stream's side of the completeness check: counts each stored batch's creates, snapshot reads, deletes and
 * truncates into the {@link PartitionLedger} of their table and partition, and stores those ledgers before the batch's
 * offsets are committed. The ledgers are cached between batches and read again when a partition comes (back) to this
 * instance; another instance that stored one since makes the batch fail and be counted again from the stored version.
 */
@Component
public class RowCountLedger {

    /** A stored change and the record it came from. */
    public record Counted(ChangeEvent event, String topic, int partition, long offset) {
    }

    private final LedgerStore store;
    private final RowCounters counters;
    private final boolean enabled;
    private final Map<PartitionLedger.Key, PartitionLedger> cached = new LinkedHashMap<>();

    RowCountLedger(LedgerStore store, RowCounters counters, CompletenessProperties properties) {
        this.store = store;
        this.counters = counters;
        this.enabled = properties.enabled();
    }

    /** Counts a stored batch: one read of the checks under way and one write of the ledgers it moved. */
    public synchronized void record(List<Counted> batch) {
        // decided once per table of the batch: matching the configured databases' patterns is not free
        Map<String, Boolean> countable = new HashMap<>();
        List<Counted> counted = enabled ? batch.stream()
                .filter(c -> countable.computeIfAbsent(c.event().table(), this::isCounted)).toList() : List.of();
        if (counted.isEmpty()) {
            return;
        }
        Set<String> tables = counted.stream().map(c -> c.event().table()).collect(Collectors.toSet());
        Map<String, Map<Long, Optional<SourceSnapshot>>> checks = store.checks(tables);
        Map<PartitionLedger.Key, PartitionLedger> moved = new LinkedHashMap<>();
        try {
            for (Counted c : counted) {
                PartitionLedger.Key key = new PartitionLedger.Key(c.topic(), c.partition(), c.event().table());
                PartitionLedger ledger = cached.computeIfAbsent(key,
                        k -> store.load(k).orElseGet(() -> PartitionLedger.empty(k)));
                if (ledger.record(c.offset(), c.event().position(), rowDelta(c.event()), truncates(c.event()),
                        checks.getOrDefault(key.table(), Map.of()))) {
                    moved.put(key, ledger);
                }
            }
            store.save(moved.values());
        } catch (RuntimeException e) {
            // counted in memory but not stored: read them again when the batch comes again
            cached.keySet().removeAll(moved.keySet());
            throw e;
        }
    }

    /** Forgets the partitions' ledgers: while another instance reads them, the stored ones move on. */
    @EventListener
    public synchronized void released(PartitionsMoved moved) {
        Collection<TopicPartition> partitions = moved.partitions();
        cached.keySet().removeIf(key -> partitions.contains(new TopicPartition(key.topic(), key.partition())));
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
