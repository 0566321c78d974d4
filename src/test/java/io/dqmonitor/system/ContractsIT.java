package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * An ODCS contract of the reference table, beside the shipped native rules, on the real stack: rows that keep and
 * break each mapped clause give exact counts and history rows, a clause that cannot be checked is listed, and a
 * changed contract takes effect at the next reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = {
        "--dq.contracts.locations=file:target/contracts-it", "--dq.rules.reload-interval=300ms"})
class ContractsIT extends StackIntegrationTest {

    private static final String TABLE = "public.user_activities";
    private static final Path CONTRACT = Path.of("target", "contracts-it", "user_activities.odcs.yaml");

    static {
        RulesFile.write(CONTRACT, contract(20));
    }

    private PrometheusScrape before;
    private long historyBefore;

    @BeforeEach
    void settle() throws Exception {
        before = client.awaitProcessed();
        historyBefore = client.historyRows(TABLE);
    }

    @Test
    void rowsThatBreakEachClauseAreCountedOnceUnderItsRule() throws Exception {
        client.insert(1L, "login", null, "kept@example.com");
        client.insert(2L, "n/a", null, "missing@example.com");      // missingValues, and not an allowed value
        client.insert(3L, "ab", null, "short@example.com");          // minLength, and not an allowed value
        client.insert(4L, "logout", null, null);                     // nullValues mustBe 0 on email
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                PrometheusScrape.violations(TABLE, "activity_type", "allowed_values"), 2.0,
                PrometheusScrape.violations(TABLE, "activity_type", "missing_values"), 1.0,
                PrometheusScrape.violations(TABLE, "activity_type", "length"), 1.0,
                PrometheusScrape.violations(TABLE, "email", "not_null"), 1.0));
        assertThat(client.historyRows(TABLE) - historyBefore).isEqualTo(5);
        // a contract's violation names its clause; a native one names none
        JsonNode missing = client.getJson("/api/violations?table=" + TABLE
                + "&column=activity_type&rule=missing_values&limit=1").get(0);
        assertThat(missing.path("clause").asString()).isEqualTo(CONTRACT + " schema[0].properties[6].quality[1] "
                + "(id activity_type_given)");
        JsonNode length = client.getJson("/api/violations?table=" + TABLE
                + "&column=activity_type&rule=length&limit=1").get(0);
        // one rule checks both lengths: it names both clauses
        assertThat(length.path("clause").asString()).isEqualTo(CONTRACT
                + " schema[0].properties[6].logicalTypeOptions.minLength; " + CONTRACT
                + " schema[0].properties[6].logicalTypeOptions.maxLength");
        JsonNode allowed = client.getJson("/api/violations?table=" + TABLE
                + "&column=activity_type&rule=allowed_values&limit=1").get(0);
        assertThat(allowed.path("clause").asString()).isEqualTo(CONTRACT + " schema[0].properties[6].quality[0]");
    }

    @Test
    void aThresholdInRowsOrPercentIsCrossedOnceInItsWindow() throws Exception {
        // one transaction: the 30 rows share a commit time, so one window of each threshold holds them all. Besides
        // them, that second holds only the few rows committed in it before (the percentage is of all the window's
        // values, and earlier tests may leave a backlog of rows committed in this hour): 30 unknown emails are more
        // than half of it
        client.execute("INSERT INTO public.user_activities (user_id, activity_type, email) "
                + "SELECT 100 + n, 'login', 'unknown@example.com' FROM generate_series(1, 30) AS n");
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                PrometheusScrape.violations(TABLE, "email", "threshold"), 2.0));
        JsonNode crossed = client.getJson("/api/violations?table=" + TABLE + "&column=email&rule=threshold&limit=5");
        assertThat(crossed).extracting(row -> row.path("clause").asString()).containsExactlyInAnyOrder(
                CONTRACT + " schema[0].properties[7].quality[2] (id email_rarely_unknown)",
                CONTRACT + " schema[0].properties[7].quality[3] (id email_mostly_known)");
        assertThat(crossed).extracting(row -> row.path("value").asString()).anyMatch(detail -> detail.startsWith(
                "email_rarely_unknown: 2 values broke missing_values in the window from "));
    }

    @Test
    void theRulesEndpointListsEveryClauseCheckedOrNot() throws Exception {
        String rules = client.get("/actuator/rules").body();

        assertThat(rules).contains("activity_type:missing_values", "activity_type:length", "email:not_null")
                .contains("quality[1] missingValues mustBe 0: checked as activity_type:missing_values")
                .contains("nullValues mustBeLessThan 5 percent: checked as email:threshold (email:nullValues)")
                .contains("missingValues mustBeLessOrEqualTo 1: checked as email:threshold (email_rarely_unknown)")
                .contains("rowCount mustBeGreaterThan 0: checked as *:row_count");
    }

    @Test
    void aChangedContractTakesEffectAtTheNextReload() throws Exception {
        try {
            RulesFile.write(CONTRACT, contract(4));
            Awaitility.await("the new contract in force").atMost(Duration.ofSeconds(20))
                    .until(() -> client.get("/actuator/rules").body().contains("maxLength: 4"));
            client.insert(5L, "login", null, "long@example.com");
            PrometheusScrape after = client.awaitProcessed();

            // "login" and the sentinel's "login" are one character too long now
            assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                    PrometheusScrape.violations(TABLE, "activity_type", "length"), 2.0));
        } finally {
            RulesFile.write(CONTRACT, contract(20));
            Awaitility.await("the contract restored").atMost(Duration.ofSeconds(20))
                    .until(() -> client.get("/actuator/rules").body().contains("maxLength: 20"));
        }
    }

    @Test
    void aSchemaThatLeavesItsContractIsReportedOnceEachWay() throws Exception {
        // referrer is declared and never was a column: missing from the first change this service saw, once
        assertThat(before.value(departures("missing"))).isEqualTo(1.0);
        String undeclaredNote = "SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = '" + TABLE
                + "' AND change = 'undeclared' AND column_name = 'note'";
        long stored = client.queryLong(undeclaredNote);

        client.execute("ALTER TABLE public.user_activities ADD COLUMN note text");
        try {
            client.insert(6L, "login", null, "noted@example.com");
            client.insert(7L, "login", null, "noted-again@example.com");
        } finally {
            client.execute("ALTER TABLE public.user_activities DROP COLUMN note");
        }
        client.execute("ALTER TABLE public.user_activities ALTER COLUMN user_id TYPE numeric(20, 0)");
        try {
            client.insert(8L, "login", null, "retyped@example.com");
        } finally {
            client.execute("ALTER TABLE public.user_activities ALTER COLUMN user_id TYPE bigint");
        }
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "dq_contract_schema_violations_total")).isEqualTo(Map.of(
                departures("undeclared"), 1.0, departures("type_mismatch"), 1.0));
        assertThat(client.queryLong(undeclaredNote) - stored).isEqualTo(1);
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = '" + TABLE
                + "' AND change = 'type_mismatch' AND column_name = 'user_id' AND old_type = 'integer'"
                + " AND new_type = 'org.apache.kafka.connect.data.Decimal'")).isPositive();
    }

    private static String departures(String kind) {
        return "dq_contract_schema_violations_total{kind=\"" + kind + "\",table=\"" + TABLE + "\"}";
    }

    private static String contract(int maxLength) {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: contracts-it
                version: 1.0.0
                status: active
                servers:
                  - server: stack
                    type: postgresql
                    host: localhost
                    port: 5432
                    database: monitoring
                    schema: public
                schema:
                  - name: user_activities
                    properties:
                      - name: id
                        logicalType: integer
                      - name: amount
                        logicalType: number
                      - name: details
                        logicalType: object
                      - name: created_at
                        logicalType: timestamp
                      - name: referrer
                        logicalType: string
                      - name: user_id
                        logicalType: integer
                        required: true
                      - name: activity_type
                        logicalType: string
                        logicalTypeOptions:
                          minLength: 3
                          maxLength: %d
                        quality:
                          - metric: invalidValues
                            arguments:
                              validValues: [login, logout, purchase, profile_update]
                            mustBe: 0
                          - id: activity_type_given
                            metric: missingValues
                            arguments:
                              missingValues: [null, '', 'n/a']
                            mustBe: 0
                      - name: email
                        logicalType: string
                        quality:
                          - metric: nullValues
                            mustBe: 0
                          - metric: nullValues
                            mustBeLessThan: 5
                            unit: percent
                          - id: email_rarely_unknown
                            metric: missingValues
                            arguments:
                              missingValues: [unknown@example.com]
                            mustBeLessOrEqualTo: 1
                          - id: email_mostly_known
                            metric: missingValues
                            arguments:
                              missingValues: [unknown@example.com]
                            mustBeLessThan: 50
                            unit: percent
                            customProperties:
                              - property: dqMonitorMinChanges
                                value: 4
                              - property: dqMonitorWindow
                                value: 1s
                    quality:
                      - metric: rowCount
                        mustBeGreaterThan: 0
                slaProperties:
                  - property: latency
                    value: 5
                    unit: min
                """.formatted(maxLength);
    }
}
