package io.dqmonitor.anomaly;

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

/** {@code GET /api/anomalies} in a web slice; the SQL behind it runs against PostgreSQL in AnomalyReplayIT. */
@WebMvcTest(AnomaliesController.class)
// access control is SecurityIT's: the slice runs as a viewer
@WithMockUser(roles = "VIEWER")
class AnomaliesControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AnomalyStore store;

    @Test
    void anomaliesAreServedWithTheirWindowAndBand() throws Exception {
        given(store.newest(any())).willReturn(List.of(new AnomalyStore.StoredAnomaly("shop.orders", "changes_delete",
                Instant.parse("2026-10-08T10:00:00Z"), Instant.parse("2026-10-08T10:01:00Z"), 300, 0.46, 0, 10.6,
                0.93, Instant.parse("2026-11-25T12:00:00Z"))));
        mvc.perform(get("/api/anomalies")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].signal").value("changes_delete"))
                .andExpect(jsonPath("$[0].windowStart").value("2026-10-08T10:00:00Z"))
                .andExpect(jsonPath("$[0].observed").value(300.0))
                .andExpect(jsonPath("$[0].bandUpper").value(10.6));
    }

    @Test
    void filtersAndTheDefaultLimitReachTheQuery() throws Exception {
        mvc.perform(get("/api/anomalies?table=shop.orders&signal=mean:amount&since=2026-10-01T00:00:00Z"))
                .andExpect(status().isOk());
        then(store).should().newest(new AnomalyStore.Query(100, "shop.orders", "mean:amount",
                Instant.parse("2026-10-01T00:00:00Z")));
    }

    @Test
    void aLimitOutOfRangeIsABadRequest() throws Exception {
        mvc.perform(get("/api/anomalies?limit=0")).andExpect(status().isBadRequest());
        then(store).should(never()).newest(any());
    }

    @Test
    void aSinceThatIsNoInstantIsABadRequest() throws Exception {
        mvc.perform(get("/api/anomalies?since=yesterday")).andExpect(status().isBadRequest());
        then(store).should(never()).newest(any());
    }
}
