package io.dqmonitor.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.dqmonitor.rules.InvalidRulesException;

/** The contract files that {@code dq.contracts.locations} names, in a stable order. */
final class ContractFiles {

    static final String SUFFIX = ".odcs.yaml";

    private ContractFiles() {
    }

    static List<Path> resolve(List<String> locations) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            String key = "dq.contracts.locations[" + i + "]";
            Path location = Path.of(locations.get(i).substring("file:".length()));
            if (Files.isDirectory(location)) {
                files.addAll(contractsIn(key, location));
            } else if (Files.isRegularFile(location)) {
                files.add(location);
            } else {
                throw new InvalidRulesException(key, "no file or directory " + location.toAbsolutePath());
            }
        }
        return List.copyOf(files);
    }

    private static List<Path> contractsIn(String key, Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(file -> file.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(file))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InvalidRulesException(key, "cannot list " + directory.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
