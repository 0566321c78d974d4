package io.dqmonitor.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dqmonitor.rules.InvalidRulesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsTest {

    private static final Path SHIPPED = Path.of("contracts", "user_activities.odcs.yaml");
    private static final Path EXAMPLES = Path.of("src", "test", "resources", "odcs", "examples");

    @TempDir
    Path folder;

    @Test
    void theShippedContractBecomesTheRulesOfItsTable() {
        ContractRules rules = load("file:" + SHIPPED);

        assertThat(rules.tables()).containsOnlyKeys("public.user_activities");
        Map<String, Object> table = rules.tables().get("public.user_activities");
        assertThat(table.get("freshness")).isEqualTo("5m");
        assertThat(table.get("columns")).isEqualTo(Map.of(
                "id", Map.of("not-null", true),
                "user_id", Map.of("not-null", true),
                "activity_type", Map.of("max-length", "50",
                        "allowed-values", List.of("login", "logout", "purchase", "profile_update"),
                        "missing-values", Arrays.asList(null, "", "n/a")),
                "amount", Map.of("min", "0", "max", "100000"),
                "email", Map.of("max-length", "255", "pattern", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"),
                "created_at", Map.of("not-null", true)));
        assertThat(rules.clauses().stream().filter(clause -> !clause.isChecked()).map(Clause::where))
                .containsExactlyInAnyOrder("schema[0].properties[0].primaryKey", "slaProperties[1]");
        assertThat(table.get("min-rows")).isEqualTo(1L);
        assertThat(table.get("thresholds")).isEqualTo(List.of(Map.of("name", "email_mostly_present",
                "column", "email", "rule", Map.of("not-null", true), "below-percent", 5.0)));
        assertThat(rules.clauses()).filteredOn(Clause::isChecked).extracting(Clause::checkedAs).contains(
                "activity_type:allowed_values", "activity_type:missing_values", "amount:range", "email:length",
                "email:pattern", "email:threshold (email_mostly_present)", "*:row_count", "freshness");
        assertThat(rules.schemas().get("public.user_activities").columns()).isEqualTo(Map.of("id", "integer",
                "user_id", "integer", "activity_type", "string", "amount", "number", "email", "string",
                "details", "object", "created_at", "timestamp"));
        assertThat(rules.origins()).containsEntry("public.user_activities/columns/amount/min",
                SHIPPED + " schema[0].properties[3].logicalTypeOptions.minimum");
    }

    @Test
    void theStandardsOwnExamplesLoadAndSayWhatIsNotChecked() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            examples = files.filter(file -> file.toString().endsWith(ContractFiles.SUFFIX)).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThan(15);
        for (Path example : examples) {
            ContractRules rules = load("file:" + example);
            rules.clauses().forEach(clause -> assertThat(clause.isChecked() || clause.why() != null).isTrue());
        }
        ContractRules all = load("file:" + EXAMPLES.resolve("all-full-example.odcs.yaml"));
        assertThat(all.clauses()).anyMatch(Clause::isChecked).anyMatch(clause -> !clause.isChecked());
    }

    @Test
    void anUpperBoundAboveNoRowsIsAThresholdPerWindowAndOtherBoundsAreListed() throws IOException {
        write("q.odcs.yaml", ContractsFixture.quality("code", """
                - metric: nullValues
                  mustBeLessThan: 5
                  unit: percent
                - id: few-unknown
                  metric: invalidValues
                  arguments: { validValues: [a, b] }
                  mustBeLessOrEqualTo: 10
                  customProperties:
                    - { property: dqMonitorWindow, value: 1d }
                - metric: missingValues
                  mustBeLessThan: 2.5
                - metric: invalidValues
                  arguments: { pattern: '^[a-z]+$' }
                  mustBeLessOrEqualTo: 1
                  unit: percent
                  customProperties:
                    - { property: dqMonitorMinChanges, value: 20 }
                - metric: nullValues
                  mustBeGreaterThan: 5
                """));

        ContractRules rules = load("file:" + folder);

        assertThat(rules.tables().get("shop.orders").get("thresholds")).isEqualTo(List.of(
                Map.of("name", "code:nullValues", "column", "code", "rule", Map.of("not-null", true),
                        "below-percent", 5.0),
                Map.of("name", "few-unknown", "column", "code", "rule", Map.of("allowed-values", List.of("a", "b")),
                        "max-count", 10L, "window", "1d"),
                Map.of("name", "code:missingValues", "column", "code",
                        "rule", Map.of("missing-values", Arrays.asList(null, "")), "max-count", 2L),
                Map.of("name", "code:invalidValues", "column", "code", "rule", Map.of("pattern", "^[a-z]+$"),
                        "max-percent", 1.0, "min-changes", "20")));
        assertThat(rules.origins()).containsEntry("shop.orders/thresholds/few-unknown",
                folder.resolve("q.odcs.yaml") + " schema[0].properties[0].quality[1] (id few-unknown)");
        assertThat(rules.clauses()).filteredOn(clause -> !clause.isChecked()).singleElement()
                .satisfies(clause -> assertThat(clause.describe()).contains("nullValues mustBeGreaterThan 5")
                        .contains("only an upper bound"));
        assertThat(rules.clauses()).filteredOn(Clause::isChecked).extracting(Clause::checkedAs)
                .contains("code:threshold (few-unknown)", "code:length");
    }

    @Test
    void anObjectsRowCountBoundsTheTablesRows() throws IOException {
        String contract = ContractsFixture.contract("amount", "minimum: 0") + """
                    quality:
                      - metric: rowCount
                        mustBeBetween: [10, 500]
                      - metric: rowCount
                        mustBeGreaterThan: 9.5
                      - metric: rowCount
                        mustNotBe: 3
                """;
        write("o.odcs.yaml", contract);

        ContractRules rules = load("file:" + folder);

        assertThat(rules.tables().get("shop.orders")).containsEntry("min-rows", 10L).containsEntry("max-rows", 500L);
        assertThat(rules.clauses()).filteredOn(clause -> !clause.isChecked()).extracting(Clause::where)
                .containsExactly("schema[0].quality[2]");
    }

    @Test
    void aDirectoryLoadsEveryContractInItAndTheirRulesAddUp() throws IOException {
        write("a.odcs.yaml", ContractsFixture.contract("amount", "minimum: 0"));
        write("b.odcs.yaml", ContractsFixture.contract("amount", "maximum: 10"));
        write("notes.yaml", "not a contract");

        ContractRules rules = load("file:" + folder);

        assertThat(rules.tables().get("shop.orders").get("columns"))
                .isEqualTo(Map.of("amount", Map.of("min", "0", "max", "10")));
    }

    @Test
    void twoContractsThatDisagreeNameBothPlaces() throws IOException {
        write("a.odcs.yaml", ContractsFixture.contract("amount", "minimum: 0"));
        write("b.odcs.yaml", ContractsFixture.contract("amount", "minimum: 1"));

        assertThatThrownBy(() -> load("file:" + folder)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("b.odcs.yaml schema[0].properties[0].logicalTypeOptions.minimum")
                .hasMessageContaining("a.odcs.yaml schema[0].properties[0].logicalTypeOptions.minimum");
    }

    @Test
    void aContractThatDoesNotFollowTheSchemaNamesTheFileAndThePlace() throws IOException {
        write("bad.odcs.yaml", ContractsFixture.contract("amount", "minimum: 0").replace("status: active", "status: [active]"));

        assertThatThrownBy(() -> load("file:" + folder)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("bad.odcs.yaml").hasMessageContaining("/status");
    }

    @Test
    void twoContractsOfATableDeclareTheColumnsOfBothButNotTwoTypesOfOne() throws IOException {
        write("a.odcs.yaml", ContractsFixture.contract("amount", "minimum: 0"));
        write("b.odcs.yaml", ContractsFixture.contract("total", "minimum: 0"));
        assertThat(load("file:" + folder).schemas().get("shop.orders").columns())
                .isEqualTo(Map.of("amount", "number", "total", "number"));

        write("b.odcs.yaml", ContractsFixture.contract("amount", "minimum: 0").replace("logicalType: number",
                "logicalType: integer"));
        assertThatThrownBy(() -> load("file:" + folder)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("declares amount a integer");
    }

    @Test
    void aLocationThatIsNotThereNamesItsKey() {
        assertThatThrownBy(() -> load("file:" + folder.resolve("missing"))).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("dq.contracts.locations[0]");
    }

    private ContractRules load(String location) {
        return new Contracts(new ContractsProperties(List.of(location), Map.of())).load();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }
}
