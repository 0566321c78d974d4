package io.dqmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Packages depend one way (docs/architecture.md): the event model and parsing at the bottom, the rule engine on it,
 * the effects on those, consumption on top. Read from the imports of the main sources.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src", "main", "java", "io", "dqmonitor");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.dqmonitor\\.(\\w+)\\.", Pattern.MULTILINE);
    private static final Set<String> BOTTOM = Set.of();
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cdc", BOTTOM),
            Map.entry("partitions", Set.of("cdc")),
            Map.entry("formats", Set.of("cdc")),
            Map.entry("metrics", BOTTOM),
            Map.entry("tasks", BOTTOM),
            Map.entry("security", BOTTOM),
            Map.entry("privacy", Set.of("cdc")),
            Map.entry("rules", Set.of("cdc", "metrics", "privacy")),
            Map.entry("schema", Set.of("cdc", "metrics", "contracts")),
            Map.entry("expressions", Set.of("cdc", "rules")),
            Map.entry("contracts", Set.of("rules")),
            Map.entry("ruleconfig", Set.of("cdc", "metrics", "tasks", "privacy", "rules", "expressions", "contracts")),
            Map.entry("history", Set.of("cdc", "tasks", "rules", "schema")),
            Map.entry("recent", Set.of("cdc", "rules")),
            Map.entry("limits", Set.of("rules")),
            Map.entry("report", Set.of("cdc", "rules", "schema")),
            Map.entry("completeness", Set.of("cdc", "partitions", "metrics", "tasks", "rules")),
            Map.entry("anomaly", Set.of("cdc", "partitions", "tasks", "privacy", "rules")),
            Map.entry("integrity", Set.of("cdc", "metrics")),
            Map.entry("sourcelog", Set.of("cdc", "metrics", "tasks", "completeness")),
            Map.entry("connectors", Set.of("metrics", "tasks")),
            Map.entry("pipeline", Set.of("cdc", "formats", "partitions", "metrics", "tasks", "privacy", "rules", "schema", "history",
                    "recent", "report", "completeness", "anomaly", "integrity", "sourcelog")));

    @Test
    void everyPackageHasItsPlaceInTheLayers() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN)) {
            assertThat(packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .allSatisfy(name -> assertThat(ALLOWED).containsKey(name));
        }
    }

    @Test
    void packagesDependOneWay() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> layer : ALLOWED.entrySet()) {
            try (Stream<Path> sources = Files.list(MAIN.resolve(layer.getKey()))) {
                for (Path source : sources.toList()) {
                    Matcher imports = IMPORT.matcher(Files.readString(source));
                    while (imports.find()) {
                        String target = imports.group(1);
                        if (!target.equals(layer.getKey()) && !layer.getValue().contains(target)) {
                            wrong.add(layer.getKey() + "/" + source.getFileName() + " uses " + target);
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
