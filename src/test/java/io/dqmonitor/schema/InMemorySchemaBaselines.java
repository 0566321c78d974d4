package io.dqmonitor.schema;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Schema baselines in a map, for unit tests: the claims {@code JdbcSchemaBaselinesIT} proves on PostgreSQL. */
public final class InMemorySchemaBaselines implements SchemaBaselines {

    private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();

    @Override
    public Optional<Baseline> load(String table) {
        return Optional.ofNullable(baselines.get(table));
    }

    @Override
    public synchronized boolean claim(String table, Optional<Baseline> expected, Baseline next) {
        Baseline current = baselines.get(table);
        boolean claimed = current == null ? expected.isEmpty()
                : current.eventId().equals(next.eventId())
                        || expected.isPresent() && current.eventId().equals(expected.get().eventId());
        if (claimed) {
            baselines.put(table, next);
        }
        return claimed;
    }
}
