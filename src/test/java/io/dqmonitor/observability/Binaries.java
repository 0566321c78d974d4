package io.dqmonitor.observability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The Prometheus tools from Debian's packages (prometheus, prometheus-alertmanager), as the tests run them. */
final class Binaries {

    private Binaries() {
    }

    /** The executable on the PATH, or a failure that says which package brings it. */
    static Path find(String name, String debianPackage) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: install Debian's "
                        + debianPackage + " package (apt-get install " + debianPackage + "; .ci/run does)"));
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a tool to completion in the repository root and returns its exit code and combined output. */
    static Result run(String name, String debianPackage, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find(name, debianPackage).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
        }
        return new Result(process.exitValue(), output);
    }
}
