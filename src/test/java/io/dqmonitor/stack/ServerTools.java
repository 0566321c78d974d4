package io.dqmonitor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;

/** What the embedded database servers share: running their tools into a log, and waiting until they answer. */
final class ServerTools {

    private ServerTools() {
    }

    /** Runs a tool to its end with its output appended to {@code log}; fails with the log's end if it fails. */
    static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + ":\n" + tail(log));
        }
    }

    /** Starts a server with its output appended to {@code log}. */
    static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits up to a minute until {@code answers}; fails at once, with the log's end, if the server exits. */
    static void awaitReady(String server, Process process, Path log, Callable<Boolean> answers) {
        Awaitility.await(server).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(server + " exited with " + process.exitValue() + "; see " + log
                        + ":\n" + tail(log));
            }
            return answers.call();
        });
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
