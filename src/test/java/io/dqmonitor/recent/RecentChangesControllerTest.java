package io.dqmonitor.recent;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /api/changes} in a web slice; the Redis list behind it is tested against Redis (RecentChangesStoreIT). */
@WebMvcTest(RecentChangesController.class)
// access control is SecurityIT\'s: the slice runs as a viewer
@WithMockUser(roles = "VIEWER")
class RecentChangesControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RecentChangesStore store;

    @BeforeEach
    void entries() {
        given(store.capacity()).willReturn(100);
        given(store.newest(100)).willReturn(List.of(
                "{\"position\":\"b\",\"table\":\"public.t\",\"op\":\"update\"}",
                "{\"position\":\"a\",\"table\":\"public.u\",\"op\":\"create\"}"));
    }

    @Test
    void entriesAreServedAsStoredNewestFirst() throws Exception {
        mvc.perform(get("/api/changes")).andExpect(status().isOk())
                .andExpect(content().json("[{\"position\":\"b\"},{\"position\":\"a\"}]"));
    }

    @Test
    void entriesAreFilteredByTableAndOp() throws Exception {
        mvc.perform(get("/api/changes?table=public.u&op=create"))
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].position").value("a"));
    }

    @Test
    void theLimitCutsTheList() throws Exception {
        mvc.perform(get("/api/changes?limit=1")).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void anUnknownOpIsABadRequest() throws Exception {
        mvc.perform(get("/api/changes?op=merge")).andExpect(status().isBadRequest());
    }

    @Test
    void redisOutOfReachIsServiceUnavailable() throws Exception {
        given(store.newest(100)).willThrow(new RedisConnectionFailureException("Unable to connect to Redis"));
        mvc.perform(get("/api/changes")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Store unavailable"));
    }

    @Test
    void aLimitAboveTheCapacityIsABadRequest() throws Exception {
        mvc.perform(get("/api/changes?limit=101")).andExpect(status().isBadRequest());
    }
}
