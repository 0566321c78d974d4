package io.dqmonitor.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One violation as {@code GET /api/violations} serves it.
 *
 * @param rowKey          the event's key columns as JSON, or null for a key-less table
 * @param sourcePosition  where the change was in its source's log ({@code lsn=…;txId=…}, {@code file=…;pos=…;row=…})
 * @param lsn             PostgreSQL only: the change's LSN, as {@code sourcePosition} has it
 * @param txId            PostgreSQL only: its transaction id
 * @param sourceTimestamp the source commit time (ISO-8601), or null
 * @param detectedAt      when dq-monitor stored it (ISO-8601)
 * @param clause          the contract clause it breaks (file, place, id), left out for native rules
 */
record StoredViolation(String table, String column, String rule, String value, JsonNode rowKey, String op,
        String sourcePosition, Long lsn, Long txId, String sourceTimestamp, String detectedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clause) {
}
