-- Each table's schema baseline, shared by every dq-monitor instance of a consumer group: a column change read by
-- several instances (one per partition of the table) is reported by the one whose claim moves the baseline.
CREATE TABLE dq_monitor.schema_baselines (
    table_name       text        NOT NULL,
    columns          jsonb       NOT NULL,
    previous_columns jsonb,
    source_ts        timestamptz,
    event_id         text        NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
-- by a hash: a table name of thousands of characters (Storable keeps them) is too large for a b-tree entry
CREATE UNIQUE INDEX schema_baselines_table ON dq_monitor.schema_baselines (md5(table_name));
