package io.dqmonitor.anomaly;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/anomalies}: the anomalies raised, newest window first (parameters as {@code /api/violations}). */
@RestController
class AnomaliesController {

    static final int MAX_LIMIT = 1000;

    private final AnomalyStore store;

    AnomaliesController(AnomalyStore store) {
        this.store = store;
    }

    @GetMapping("/api/anomalies")
    List<AnomalyStore.StoredAnomaly> anomalies(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String table,
            @RequestParam(required = false) String signal,
            @RequestParam(required = false) String since) {
        int count = limit == null ? 100 : limit;
        if (count < 1 || count > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return store.newest(new AnomalyStore.Query(count, table, signal, since == null ? null : instant(since)));
    }

    private static Instant instant(String since) {
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "since must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
