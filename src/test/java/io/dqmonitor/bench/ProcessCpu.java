package io.dqmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, user plus system, as Linux's {@code /proc/<pid>/stat} counts it. */
final class ProcessCpu {

    // the kernel counts in clock ticks of 1/100 s on every common Linux build (getconf CLK_TCK)
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** Seconds of CPU used so far, or -1 where there is no /proc or the process is gone. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may contain spaces: the fields after it are counted from its end
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Seconds of CPU used by the process's children that have ended and been waited for (cutime plus cstime), or -1:
     * a reader's JVM that has exited is counted here, as it is no longer in /proc.
     */
    static double endedChildrenSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The process's command name (at most 15 characters, as the kernel keeps it), or "" where it is gone. */
    static String name(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
