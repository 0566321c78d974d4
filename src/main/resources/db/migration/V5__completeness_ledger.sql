-- The completeness ledger, shared by every dq-monitor instance of a consumer group (docs/architecture.md, "Scale").

-- The checks under way: begun before their snapshot is taken, completed with its count, settled one check later. One
-- check of each table stays as its baseline, with the drift of the last check settled against it.
CREATE TABLE dq_monitor.completeness_checks (
    id             bigserial   PRIMARY KEY,
    consumer_group text        NOT NULL,
    table_name     text        NOT NULL,
    begun_at       timestamptz NOT NULL DEFAULT now(),
    snapshot       text,
    row_count      bigint,
    baseline       boolean     NOT NULL DEFAULT false,
    drift          bigint,
    settled_at     timestamptz
);
CREATE INDEX completeness_checks_table ON dq_monitor.completeness_checks (consumer_group, table_name);
CREATE UNIQUE INDEX completeness_checks_one_baseline ON dq_monitor.completeness_checks (consumer_group, table_name)
    WHERE baseline;

-- What the changes of a table read from one partition add up to, up to next_offset: all of them, and what each check
-- under way counts of them (checks: {"<check id>": {"rows", "truncates", "pending": [...]}}).
CREATE TABLE dq_monitor.completeness_partitions (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    table_name     text        NOT NULL,
    next_offset    bigint      NOT NULL,
    row_delta      bigint      NOT NULL,
    truncates      bigint      NOT NULL,
    checks         jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition, table_name)
);
CREATE INDEX completeness_partitions_table ON dq_monitor.completeness_partitions (consumer_group, table_name);
