package io.dqmonitor.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** A rules file on disk that a running dq-monitor reloads, rewritten by a test. */
public final class RulesFile {

    private RulesFile() {
    }

    /** Writes {@code yaml}; a rewrite within the file system's timestamp granularity still looks like a change. */
    public static void write(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            FileTime previous = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            Files.writeString(file, yaml);
            if (previous != null && !Files.getLastModifiedTime(file).toInstant().isAfter(previous.toInstant())) {
                Files.setLastModifiedTime(file, FileTime.from(previous.toInstant().plusSeconds(1)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
