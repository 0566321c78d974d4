package io.dqmonitor.recent;

import java.util.List;
import java.util.stream.Collectors;

import io.dqmonitor.cdc.Op;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/changes}: the recent changes, newest first, optionally filtered by table and operation. */
@RestController
class RecentChangesController {

    private final RecentChangesStore store;
    private final JsonMapper json;

    RecentChangesController(RecentChangesStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @GetMapping(path = "/api/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    String changes(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String table,
            @RequestParam(required = false) String op) {
        int max = store.capacity();
        int count = limit == null ? max : limit;
        if (count < 1 || count > max) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + max);
        }
        if (op != null && Op.fromLabel(op).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "op must be one of create, update, delete, read, truncate");
        }
        // Entries are served as stored; only filtering needs to look inside them.
        List<String> entries = store.newest(max).stream()
                .filter(entry -> matches(entry, table, op))
                .limit(count)
                .toList();
        return entries.stream().collect(Collectors.joining(",", "[", "]"));
    }

    private boolean matches(String entry, String table, String op) {
        if (table == null && op == null) {
            return true;
        }
        try {
            JsonNode node = json.readTree(entry);
            return (table == null || table.equals(node.path("table").asString()))
                    && (op == null || op.equals(node.path("op").asString()));
        } catch (JacksonException e) {
            return false;
        }
    }
}
