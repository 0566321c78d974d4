package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.dqmonitor.partitions.InMemoryFence;
import io.dqmonitor.partitions.PartitionKey;

/**
 * The ledger store in memory, for the ledger's logic: stored versions are copies, saves compare offsets as the real
 * one does. Every check counts as old enough to settle, and every unfinished one as abandoned.
 */
class InMemoryLedgerStore implements LedgerStore {

    private record Check(String table, Long rows, SourceSnapshot snapshot, boolean baseline, Long drift) {

        Check(String table) {
            this(table, null, null, false, null);
        }

        Check completed(long count, SourceSnapshot taken) {
            return new Check(table, count, taken, baseline, drift);
        }

        Check asBaseline(Long newDrift) {
            return new Check(table, rows, snapshot, true, newDrift);
        }
    }

    private final TreeMap<Long, Check> checks = new TreeMap<>();
    private final Map<PartitionKey, PartitionLedger> partitions = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized Map<String, Map<Long, Optional<SourceSnapshot>>> checks(Collection<String> tables) {
        Map<String, Map<Long, Optional<SourceSnapshot>>> open = new HashMap<>();
        checks.forEach((id, check) -> {
            if (tables.contains(check.table())) {
                open.computeIfAbsent(check.table(), t -> new LinkedHashMap<>())
                        .put(id, Optional.ofNullable(check.snapshot()));
            }
        });
        return open;
    }

    @Override
    public synchronized Optional<PartitionLedger> load(PartitionKey key) {
        return Optional.ofNullable(partitions.get(key)).map(InMemoryLedgerStore::copy);
    }

    @Override
    public synchronized void save(Collection<PartitionLedger> ledgers) {
        InMemoryFence.check("the completeness ledger", partitions, ledgers);
        ledgers.forEach(ledger -> partitions.put(ledger.key(), copy(ledger)));
        ledgers.forEach(PartitionLedger::stored);
    }

    @Override
    public synchronized List<PartitionLedger> partitions(String table) {
        return partitions.values().stream().filter(p -> p.key().table().equals(table))
                .map(InMemoryLedgerStore::copy).toList();
    }

    @Override
    public synchronized long begin(String table) {
        checks.put(nextId, new Check(table));
        return nextId++;
    }

    @Override
    public synchronized void complete(long check, long rows, SourceSnapshot snapshot) {
        checks.computeIfPresent(check, (id, c) -> c.completed(rows, snapshot));
    }

    @Override
    public synchronized void discard(long check) {
        checks.remove(check);
    }

    @Override
    public synchronized void discardUnfinished(String table, Duration age) {
        checks.values().removeIf(c -> c.table().equals(table) && c.snapshot() == null);
    }

    @Override
    public synchronized List<CompletedCheck> completed(String table, Duration age) {
        List<CompletedCheck> completed = new ArrayList<>();
        checks.forEach((id, c) -> {
            if (c.table().equals(table) && c.snapshot() != null && !c.baseline()) {
                completed.add(new CompletedCheck(id, c.rows(), c.snapshot()));
            }
        });
        return completed;
    }

    @Override
    public synchronized Optional<Baseline> baseline(String table) {
        return checks.entrySet().stream().filter(e -> e.getValue().table().equals(table) && e.getValue().baseline())
                .findFirst().map(e -> new Baseline(new CompletedCheck(e.getKey(), e.getValue().rows(),
                        e.getValue().snapshot()), e.getValue().drift()));
    }

    @Override
    public synchronized boolean settle(String table, long check, long drift) {
        Check settled = checks.get(check);
        if (settled == null || settled.baseline()) {
            return false;
        }
        checks.remove(check);
        baseline(table).ifPresent(b -> checks.put(b.check().id(), checks.get(b.check().id()).asBaseline(drift)));
        return true;
    }

    @Override
    public synchronized boolean rebase(String table, long check, Long drift) {
        Check next = checks.get(check);
        if (next == null || next.baseline()) {
            return false;
        }
        baseline(table).ifPresent(b -> checks.remove(b.check().id()));
        checks.put(check, next.asBaseline(drift));
        return true;
    }

    private static PartitionLedger copy(PartitionLedger ledger) {
        return new PartitionLedger(ledger.key(), ledger.nextOffset(), ledger.rows(), ledger.truncates(),
                ledger.tallies());
    }
}
