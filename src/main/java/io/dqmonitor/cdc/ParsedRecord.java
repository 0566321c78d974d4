package io.dqmonitor.cdc;

/** What one Kafka record turned out to be: a change event, a record to skip, or a record to reject. */
public sealed interface ParsedRecord {

    /** A change event to evaluate and store. */
    record Event(ChangeEvent event) implements ParsedRecord {
    }

    /** A Debezium heartbeat: the connector is alive at {@code timestamp}, whether or not any table changed. */
    record Heartbeat(java.time.Instant timestamp) implements ParsedRecord {
    }

    /**
     * A record that carries no row change (tombstone, transaction marker, a logical-decoding message such as
     * {@code pg_logical_emit_message} writes): what Debezium normally sends beside changes; counted, not stored.
     */
    record Skipped(SkipReason reason) implements ParsedRecord {
    }

    /** A record that cannot be understood; it goes to the dead-letter topic. */
    record Rejected(RejectReason reason, String detail) implements ParsedRecord {
    }

    /** Bounded label values of {@code cdc_records_skipped_total{reason}}. */
    enum SkipReason {
        TOMBSTONE, HEARTBEAT, TRANSACTION_METADATA, LOGICAL_MESSAGE,
        /** A change of a table beyond {@code dq.tables.max-tracked}: no per-table state is kept for it. */
        UNTRACKED_TABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Bounded label values of {@code cdc_events_rejected_total{reason}}. */
    enum RejectReason {
        EMPTY_VALUE, MALFORMED_JSON, EXCEEDS_LIMITS, NOT_AN_ENVELOPE, INVALID_SCHEMA, UNKNOWN_OP, MISSING_SOURCE,
        UNDECODABLE_VALUE,
        /** Parsed, but checking it or storing its effects failed for a reason retrying cannot remove. */
        UNPROCESSABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
