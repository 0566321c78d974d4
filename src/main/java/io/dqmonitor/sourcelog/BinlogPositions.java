package io.dqmonitor.sourcelog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.Capture;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.completeness.CompletenessProperties;
import org.springframework.stereotype.Component;

/**
 * The furthest binlog position each binlog source's connector has streamed, as its stored changes say: the place
 * the connector needs its source to keep. A change belongs to the configured database whose {@code tables} pattern
 * matches its table.
 */
@Component
public class BinlogPositions {

    /** A place in a binlog: the file and the position in it. */
    record Place(String file, long position) {
    }

    private final Map<String, CompletenessProperties.Database> sources;
    private final Map<String, Optional<String>> sourceOfTable = new ConcurrentHashMap<>();
    private final Map<String, Place> furthest = new ConcurrentHashMap<>();

    BinlogPositions(CompletenessProperties sources) {
        this.sources = sources.databases();
    }

    /** One stored change; only binlog positions count. */
    public void stored(String table, Position position) {
        if (!(position instanceof Position.Binlog binlog) || binlog.file() == null || binlog.pos() == null
                || Capture.fileNumber(binlog.file()) < 0 || sources.isEmpty()) {
            return;
        }
        if (sourceOfTable.size() > 10_000 && !sourceOfTable.containsKey(table)) {
            // table names come from the records: the cache is bounded, and a miss only costs a pattern match
            sourceOfTable.clear();
        }
        Optional<String> source = sourceOfTable.computeIfAbsent(table, this::sourceOf);
        source.ifPresent(name -> furthest.merge(name, new Place(binlog.file(), binlog.pos()),
                (a, b) -> compare(a, b) >= 0 ? a : b));
    }

    private Optional<String> sourceOf(String table) {
        return sources.entrySet().stream().filter(e -> e.getValue().matches(table)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The furthest place streamed from the source, if any change of it has been stored. */
    Optional<Place> furthest(String source) {
        return Optional.ofNullable(furthest.get(source));
    }

    static int compare(Place a, Place b) {
        int byFile = Long.compare(Capture.fileNumber(a.file()), Capture.fileNumber(b.file()));
        return byFile != 0 ? byFile : Long.compare(a.position(), b.position());
    }
}
