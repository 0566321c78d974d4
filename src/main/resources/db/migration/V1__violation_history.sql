-- dq-monitor's own schema. It is never captured: the Debezium connector includes only the monitored tables.

-- One row per failed check of one change event. event_id identifies the event by its source position
-- (table, op, LSN, transaction, commit time, row key), so a redelivered event adds no second row.
CREATE TABLE dq_monitor.violations (
    id          bigserial PRIMARY KEY,
    table_name  text        NOT NULL,
    column_name text        NOT NULL,
    rule        text        NOT NULL,
    value       text,
    row_key     jsonb,
    op          text        NOT NULL,
    lsn         bigint,
    tx_id       bigint,
    source_ts   timestamptz,
    detected_at timestamptz NOT NULL DEFAULT now(),
    event_id    text        NOT NULL,
    CONSTRAINT violations_once_per_event UNIQUE (event_id, column_name, rule)
);
CREATE INDEX violations_detected_at ON dq_monitor.violations (detected_at DESC);
CREATE INDEX violations_table_rule ON dq_monitor.violations (table_name, rule, detected_at DESC);

-- Columns added, removed or retyped, as the change stream showed them.
CREATE TABLE dq_monitor.schema_changes (
    id          bigserial PRIMARY KEY,
    table_name  text        NOT NULL,
    change      text        NOT NULL,
    column_name text        NOT NULL,
    old_type    text,
    new_type    text,
    lsn         bigint,
    source_ts   timestamptz,
    detected_at timestamptz NOT NULL DEFAULT now(),
    event_id    text        NOT NULL,
    CONSTRAINT schema_changes_once_per_event UNIQUE (event_id, column_name, change)
);
CREATE INDEX schema_changes_table ON dq_monitor.schema_changes (table_name, detected_at DESC);
