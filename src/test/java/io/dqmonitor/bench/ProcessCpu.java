package io.dqmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, user plus system, as Linux's {@code /proc/<pid>/stat} counts it. */
final class ProcessCpu {

    // the kernel counts in clock ticks of 1/100 s on every common Linux build (getconf CLK_TCK)
    private static final double TICKS_PER_SECOND = 100;

    /**
     * One reading of a process: its command name (at most 15 characters, as the kernel keeps it), the seconds of CPU
     * it has used, and those of its children that have ended and been waited for (a reader's JVM that has exited is
     * counted there, as it is no longer in /proc).
     */
    record Stat(String name, double seconds, double endedChildrenSeconds) {

        static final Stat GONE = new Stat("", 0, 0);
    }

    private ProcessCpu() {
    }

    /** The process as /proc shows it now, or {@link Stat#GONE} where there is no /proc or the process is gone. */
    static Stat read(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** A process's or a thread's ({@code /proc/<pid>/task/<tid>/stat}) stat file, or GONE where it cannot be read. */
    static Stat read(Path file) {
        try {
            String stat = Files.readString(file);
            // the command name in parentheses may contain spaces: the fields after it are counted from its end
            int nameEnd = stat.lastIndexOf(')');
            String[] fields = stat.substring(nameEnd + 2).split(" ");
            return new Stat(stat.substring(stat.indexOf('(') + 1, nameEnd),
                    (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
                    (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Stat.GONE;
        }
    }
}
