package io.dqmonitor.report;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.rules.Evaluation;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.schema.SchemaChange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /api/quality} in a web slice: every freshness state, with a fixed clock. */
@WebMvcTest(QualityController.class)
// access control is SecurityIT\'s: the slice runs as a viewer
@WithMockUser(roles = "VIEWER")
@Import({TableStatistics.class, QualityControllerTest.Fixtures.class})
class QualityControllerTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class Fixtures {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        RulesInForce rulesInForce() {
            return RuleFixtures.inForce(Map.of(
                    "s.fresh", table("s.fresh", Duration.ofMinutes(5)),
                    "s.stale", table("s.stale", Duration.ofMinutes(5)),
                    "s.unknown", table("s.unknown", Duration.ofMinutes(5)),
                    "s.unbounded", table("s.unbounded", null)));
        }

        private static TableRules table(String name, Duration freshness) {
            return new TableRules(name, freshness, List.of(), List.of(), null, null);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TableStatistics statistics;

    private void event(String table, Instant at) {
        statistics.record(new ChangeEvent(table, Op.CREATE, null, null, Map.of("id", 1), at, Position.NONE, Map.of()),
                Evaluation.NONE, List.of());
    }

    @Test
    void aTableWithARecentEventIsFresh() throws Exception {
        event("s.fresh", NOW.minusSeconds(60));
        mvc.perform(get("/api/quality")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.table=='s.fresh')].freshness.state").value("fresh"))
                .andExpect(jsonPath("$[?(@.table=='s.fresh')].freshness.ageSeconds").value(60))
                .andExpect(jsonPath("$[?(@.table=='s.fresh')].freshness.threshold").value("PT5M"))
                .andExpect(jsonPath("$[?(@.table=='s.fresh')].events.create").value(1));
    }

    @Test
    void aTableWhoseLastEventIsOlderThanItsBoundIsStale() throws Exception {
        event("s.stale", NOW.minus(Duration.ofMinutes(6)));
        mvc.perform(get("/api/quality"))
                .andExpect(jsonPath("$[?(@.table=='s.stale')].freshness.state").value("stale"));
    }

    @Test
    void aTableWithoutAnyEventIsUnknown() throws Exception {
        mvc.perform(get("/api/quality"))
                .andExpect(jsonPath("$[?(@.table=='s.unknown')].freshness.state").value("unknown"))
                .andExpect(jsonPath("$[?(@.table=='s.unknown')].lastEventTime").value((Object) null));
    }

    @Test
    void aTableWithoutABoundIsUnbounded() throws Exception {
        event("s.unbounded", NOW.minus(Duration.ofDays(3)));
        mvc.perform(get("/api/quality"))
                .andExpect(jsonPath("$[?(@.table=='s.unbounded')].freshness.state").value("unbounded"));
    }

    @Test
    void aTableSeenWithoutRulesIsReportedToo() throws Exception {
        event("s.seen", NOW);
        mvc.perform(get("/api/quality"))
                .andExpect(jsonPath("$[?(@.table=='s.seen')].freshness.state").value("unbounded"));
    }

    @Test
    void theLastSchemaChangeIsReported() throws Exception {
        statistics.record(new ChangeEvent("s.fresh", Op.UPDATE, null, null, Map.of("id", 1), NOW, Position.NONE,
                Map.of()), Evaluation.NONE, List.of(new SchemaChange("s.fresh", SchemaChange.ADDED, "note", null,
                "string")));
        mvc.perform(get("/api/quality"))
                .andExpect(jsonPath("$[?(@.table=='s.fresh')].lastSchemaChange.column").value("note"))
                .andExpect(jsonPath("$[?(@.table=='s.fresh')].lastSchemaChange.change").value("added"));
    }
}
