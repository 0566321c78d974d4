package io.dqmonitor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The memory of the dq-monitor process as the kernel and the JVM see it (Linux {@code /proc}, the JDK's jcmd). */
final class Memory {

    // G1 reports one heap; the parallel and serial collectors report a young and an old generation, summed
    private static final Pattern HEAP_USED =
            Pattern.compile("(?:garbage-first heap|PSYoungGen|ParOldGen|generation)\\s+total \\d+K, used (\\d+)K");

    private Memory() {
    }

    /** Peak resident set size, e.g. "412 MB"; "unknown" where there is no /proc. */
    static String peakResident(long pid) {
        long kb = statusKilobytes(pid, "VmHWM:");
        return kb < 0 ? "unknown" : kb / 1024 + " MB";
    }

    static long residentMegabytes(long pid) {
        long kb = statusKilobytes(pid, "VmRSS:");
        return kb < 0 ? -1 : kb / 1024;
    }

    private static long statusKilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * Runs a full collection in the process ({@code jcmd <pid> GC.run}) and returns the heap in use after it, in MB:
     * what the service really keeps, independent of when the collector last ran.
     */
    static long heapAfterFullGcMegabytes(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        long kilobytes = heapUsedKilobytes(jcmd(pid, "GC.heap_info"));
        return kilobytes < 0 ? -1 : kilobytes / 1024;
    }

    /** The heap in use according to {@code jcmd GC.heap_info}, for any of the JDK's usual collectors; -1 if not found. */
    static long heapUsedKilobytes(String heapInfo) {
        Matcher matcher = HEAP_USED.matcher(heapInfo);
        long used = -1;
        while (matcher.find()) {
            used = Math.max(used, 0) + Long.parseLong(matcher.group(1));
        }
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
