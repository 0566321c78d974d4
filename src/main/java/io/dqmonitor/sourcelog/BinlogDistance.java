package io.dqmonitor.sourcelog;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * What a binlog read means for its connector. MariaDB and MySQL purge a file by its age since it was last written,
 * which for every file but the current one is when the server moved on to the next: dq-monitor takes that as the
 * time it first saw the next file. A file that had been left behind before dq-monitor first looked is dated to that
 * first look, so its age is a lower bound until it is purged.
 */
final class BinlogDistance {

    /** The connector's distance, or empty parts where it has not streamed anything yet. */
    record Reading(Optional<Long> behindBytes, Optional<Boolean> neededFilePurged, Optional<Duration> neededFileAge,
            Duration oldestFileAge, long expirySeconds) {
    }

    /** When each file stopped being the current one, as first seen. */
    private final Map<String, Instant> leftBehind = new HashMap<>();

    Reading read(BinlogReader.Binlog binlog, Optional<BinlogPositions.Place> connector, Instant now) {
        date(binlog, now);
        String oldest = binlog.files().isEmpty() ? binlog.currentFile() : binlog.files().keySet().iterator().next();
        Duration oldestAge = age(oldest, binlog, now);
        if (connector.isEmpty()) {
            return new Reading(Optional.empty(), Optional.empty(), Optional.empty(), oldestAge, binlog.expirySeconds());
        }
        BinlogPositions.Place needed = connector.get();
        boolean purged = !binlog.files().containsKey(needed.file()) && !needed.file().equals(binlog.currentFile());
        Optional<Long> behind = purged ? Optional.empty() : Optional.of(bytesBehind(binlog, needed));
        Optional<Duration> neededAge = purged ? Optional.empty() : Optional.of(age(needed.file(), binlog, now));
        return new Reading(behind, Optional.of(purged), neededAge, oldestAge, binlog.expirySeconds());
    }

    private void date(BinlogReader.Binlog binlog, Instant now) {
        binlog.files().keySet().stream().filter(file -> !file.equals(binlog.currentFile()))
                .forEach(file -> leftBehind.putIfAbsent(file, now));
        leftBehind.keySet().retainAll(binlog.files().keySet());
    }

    private Duration age(String file, BinlogReader.Binlog binlog, Instant now) {
        Instant since = file.equals(binlog.currentFile()) ? null : leftBehind.get(file);
        return since == null ? Duration.ZERO : Duration.between(since, now);
    }

    /** The rest of the connector's file, every whole file after it, and the current file up to where it is now. */
    static long bytesBehind(BinlogReader.Binlog binlog, BinlogPositions.Place needed) {
        if (needed.file().equals(binlog.currentFile())) {
            return Math.max(0, binlog.currentPosition() - needed.position());
        }
        long bytes = 0;
        boolean counting = false;
        for (Iterator<Map.Entry<String, Long>> files = binlog.files().entrySet().iterator(); files.hasNext(); ) {
            Map.Entry<String, Long> file = files.next();
            if (file.getKey().equals(binlog.currentFile())) {
                break;
            }
            if (file.getKey().equals(needed.file())) {
                counting = true;
                bytes += Math.max(0, file.getValue() - needed.position());
            } else if (counting) {
                bytes += file.getValue();
            }
        }
        return bytes + binlog.currentPosition();
    }
}
