package io.dqmonitor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert and recording rules: valid for promtool, unit-tested firing and not firing, documented in the runbook. */
class AlertRulesTest {

    private static final Path RUNBOOK = Path.of("docs", "runbook.md");
    private static final String RUNBOOK_URL = "https://github.com/dq-monitor/dq-monitor/blob/main/docs/runbook.md#";

    @Test
    void promtoolAcceptsTheRuleFiles() throws Exception {
        assertPromtoolPasses("check", AlertRules.ruleFiles());
    }

    @Test
    void promtoolUnitTestsOfTheRulesPass() throws Exception {
        assertPromtoolPasses("test", AlertRules.testFiles());
    }

    private static void assertPromtoolPasses(String command, List<Path> files) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(command, "rules"));
        files.forEach(f -> arguments.add(f.toString()));
        Binaries.Result result = Binaries.run("promtool", "prometheus", arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyTestFileFixesTheOrderInWhichGroupsAreEvaluated() {
        // without it promtool evaluates groups in a random order each run, so a value an alert reads from a
        // recording rule is the current one in some runs and the previous one in others
        assertThat(AlertRules.testFiles()).isNotEmpty().allSatisfy(file ->
                assertThat(AlertRules.load(file).get("group_eval_order")).as(file.toString())
                        .isEqualTo(AlertRules.groupNames()));
    }

    @Test
    void promtoolAcceptsThePrometheusConfigWithTheRulesItLoads(@TempDir Path dir) throws Exception {
        String config = LocalPrometheusConfig.withLocalRules(Files.readString(Path.of("prometheus", "prometheus.yml")));
        Path copy = Files.writeString(dir.resolve("prometheus.yml"), config);
        Binaries.Result result = Binaries.run("promtool", "prometheus", "check", "config", copy.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + AlertRules.rules().size() + " rules found");
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfig() throws Exception {
        Binaries.Result result = Binaries.run("amtool", "prometheus-alertmanager", "check-config",
                Path.of("prometheus", "alertmanager.yml").toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertHasASeverityASummaryADescriptionAndARunbook() {
        assertThat(AlertRules.alerts()).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert.labels().get("severity")).as(alert.name()).isIn("critical", "warning", "info");
            assertThat(alert.annotations()).as(alert.name()).containsKeys("summary", "description", "runbook_url");
            assertThat(alert.annotations().get("runbook_url")).as(alert.name())
                    .isEqualTo(RUNBOOK_URL + alert.name().toLowerCase(Locale.ROOT));
        });
    }

    @Test
    void everyAlertHasASectionInTheRunbook() throws Exception {
        Set<String> sections = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^## (\\w+)$").matcher(Files.readString(RUNBOOK));
        while (heading.find()) {
            sections.add(heading.group(1));
        }
        assertThat(sections).containsAll(AlertRules.alerts().stream().map(AlertRules.Rule::name).toList());
    }

    @Test
    void everyDescriptionShowsTheValue() {
        // absent() and up have no value worth showing: their alerts say what is missing or down instead
        assertThat(AlertRules.alerts()).filteredOn(alert -> !alert.expr().startsWith("absent(")
                && !alert.expr().startsWith("up{")).allSatisfy(alert ->
                assertThat(alert.annotations().get("description")).as(alert.name()).contains("$value"));
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() {
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Path file : AlertRules.testFiles()) {
            for (Map<String, Object> test : list(AlertRules.load(file).get("tests"))) {
                for (Map<String, Object> check : list(test.get("alert_rule_test"))) {
                    String alert = (String) check.get("alertname");
                    (list(check.get("exp_alerts")).isEmpty() ? quiet : firing).add(alert);
                }
            }
        }
        List<String> alerts = AlertRules.alerts().stream().map(AlertRules.Rule::name).toList();
        assertThat(firing).as("alerts shown firing").containsAll(alerts);
        assertThat(quiet).as("alerts shown not firing").containsAll(alerts);
    }

    @Test
    void everyRecordingRuleIsTested() {
        Set<String> tested = new HashSet<>();
        for (Path file : AlertRules.testFiles()) {
            for (Map<String, Object> test : list(AlertRules.load(file).get("tests"))) {
                list(test.get("promql_expr_test")).forEach(check -> tested.add((String) check.get("expr")));
                // a recording rule an alert reads is tested through that alert
                list(test.get("alert_rule_test")).forEach(check -> AlertRules.alerts().stream()
                        .filter(a -> a.name().equals(check.get("alertname")))
                        .forEach(a -> tested.addAll(recordedNames(a.expr()))));
            }
        }
        Stream<String> records = AlertRules.rules().stream().filter(r -> !r.alert()).map(AlertRules.Rule::name)
                // the building blocks of the ratio are tested through it
                .filter(name -> !name.equals("table:cdc_events:rate5m") && !name.equals("table:dq_violations:rate5m"));
        assertThat(tested).containsAll(records.toList());
    }

    private static Set<String> recordedNames(String expr) {
        Set<String> names = new HashSet<>();
        Matcher name = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+").matcher(expr);
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
