package io.dqmonitor.history;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/violations} in a web slice; the SQL behind it is tested against PostgreSQL (PipelineIT). */
@WebMvcTest(ViolationsController.class)
// access control is SecurityIT\'s: the slice runs as a viewer
@WithMockUser(roles = "VIEWER")
class ViolationsControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ViolationLog history;

    @Test
    void violationsAreServedWithTheirRowKeyAsJson() throws Exception {
        given(history.newest(any())).willReturn(List.of(new StoredViolation("public.t", "email", "pattern", "x",
                JsonMapper.builder().build().readTree("{\"id\":7}"), "create", "lsn=10;txId=3", 10L, 3L,
                "2026-11-25T12:00:00Z",
                "2026-11-25T12:00:01Z", null), new StoredViolation("public.t", "email", "length", "x", null,
                "create", "lsn=11;txId=4", 11L, 4L, null, "2026-11-25T12:00:02Z",
                "contracts/t.odcs.yaml schema[0].properties[1].logicalTypeOptions.maxLength")));
        mvc.perform(get("/api/violations")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].table").value("public.t"))
                .andExpect(jsonPath("$[0].rowKey.id").value(7))
                .andExpect(jsonPath("$[0].sourcePosition").value("lsn=10;txId=3"))
                .andExpect(jsonPath("$[0].detectedAt").value("2026-11-25T12:00:01Z"))
                .andExpect(jsonPath("$[0].clause").doesNotExist())
                .andExpect(jsonPath("$[1].clause")
                        .value("contracts/t.odcs.yaml schema[0].properties[1].logicalTypeOptions.maxLength"));
    }

    @Test
    void filtersAndTheDefaultLimitReachTheQuery() throws Exception {
        mvc.perform(get("/api/violations?table=public.t&rule=pattern&since=2026-11-25T00:00:00Z"))
                .andExpect(status().isOk());
        then(history).should().newest(new ViolationLog.Query(100, "public.t", null, "pattern",
                Instant.parse("2026-11-25T00:00:00Z")));
    }

    @Test
    void aLimitOutOfRangeIsABadRequest() throws Exception {
        mvc.perform(get("/api/violations?limit=1001")).andExpect(status().isBadRequest());
        then(history).should(never()).newest(any());
    }

    @Test
    void aSinceThatIsNoInstantIsABadRequest() throws Exception {
        mvc.perform(get("/api/violations?since=yesterday")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("since must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
    }
}
