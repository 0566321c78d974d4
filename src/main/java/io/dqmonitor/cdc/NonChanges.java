package io.dqmonitor.cdc;

import java.time.Instant;

import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord.SkipReason;
import tools.jackson.databind.JsonNode;

/** What a payload without an {@code op} is: a transaction marker, a heartbeat, or not a change event at all. */
final class NonChanges {

    private NonChanges() {
    }

    static ParsedRecord classify(JsonNode payload) {
        if (isTransactionMarker(payload)) {
            return new ParsedRecord.Skipped(SkipReason.TRANSACTION_METADATA);
        }
        if (payload.size() == 1 && payload.path("ts_ms").isIntegralNumber()) {
            return new ParsedRecord.Heartbeat(Instant.ofEpochMilli(payload.path("ts_ms").longValue()));
        }
        return new ParsedRecord.Rejected(RejectReason.NOT_AN_ENVELOPE, "no 'op' field: not a Debezium change event");
    }

    private static boolean isTransactionMarker(JsonNode payload) {
        String status = payload.path("status").asString("");
        return payload.has("id") && ("BEGIN".equals(status) || "END".equals(status));
    }
}
