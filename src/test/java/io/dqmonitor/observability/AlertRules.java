package io.dqmonitor.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/** The rule files in {@code alerts/} and their promtool tests in {@code alerts/tests/}. */
public final class AlertRules {

    public static final Path DIRECTORY = Path.of("alerts");
    public static final Path TESTS = DIRECTORY.resolve("tests");

    private AlertRules() {
    }

    /** One rule as written: an alert (with labels and annotations) or a recording rule. */
    public record Rule(String name, boolean alert, String expr, Map<String, String> labels, Map<String, String> annotations) {
    }

    public static List<Path> ruleFiles() {
        return list(DIRECTORY, ".rules.yml");
    }

    public static List<Path> testFiles() {
        return list(TESTS, ".test.yml");
    }

    @SuppressWarnings("unchecked")
    public static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            Map<String, Object> content = load(file);
            for (Map<String, Object> group : (List<Map<String, Object>>) content.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    boolean alert = rule.containsKey("alert");
                    rules.add(new Rule((String) rule.get(alert ? "alert" : "record"), alert, (String) rule.get("expr"),
                            (Map<String, String>) rule.getOrDefault("labels", Map.of()),
                            (Map<String, String>) rule.getOrDefault("annotations", Map.of())));
                }
            }
        }
        return rules;
    }

    /** The rule groups in file order: recording rules first, as the unit tests evaluate them. */
    @SuppressWarnings("unchecked")
    public static List<String> groupNames() {
        List<String> names = new ArrayList<>();
        for (Path file : ruleFiles()) {
            ((List<Map<String, Object>>) load(file).get("groups")).forEach(g -> names.add((String) g.get("name")));
        }
        return names;
    }

    public static List<Rule> alerts() {
        return rules().stream().filter(Rule::alert).toList();
    }

    public static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
