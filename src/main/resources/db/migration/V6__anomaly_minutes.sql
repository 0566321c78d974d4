-- The anomaly signals, shared by every dq-monitor instance of a consumer group (docs/architecture.md, "Scale"): each
-- partition's minutes as its reader closes them, summed by the table's lead once every partition has passed them.

-- Each partition's place: its next offset (every record before it counted), its open minute and that minute's counts.
CREATE TABLE dq_monitor.anomaly_partitions (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    table_name     text        NOT NULL,
    next_offset    bigint      NOT NULL,
    open_minute    bigint      NOT NULL,
    open_counts    jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition, table_name)
);
CREATE INDEX anomaly_partitions_table ON dq_monitor.anomaly_partitions (consumer_group, table_name);

-- A partition's closed minute (minutes since the epoch of source commit time), until the lead has judged it.
CREATE TABLE dq_monitor.anomaly_minutes (
    consumer_group text    NOT NULL,
    table_name     text    NOT NULL,
    minute         bigint  NOT NULL,
    topic          text    NOT NULL,
    partition      integer NOT NULL,
    counts         jsonb   NOT NULL,
    PRIMARY KEY (consumer_group, table_name, minute, topic, partition)
);

-- The lead's place in each table: the next minute to judge and the shares and means pooling across minutes.
CREATE TABLE dq_monitor.anomaly_tables (
    consumer_group text        NOT NULL,
    table_name     text        NOT NULL,
    next_minute    bigint      NOT NULL,
    pools          jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, table_name)
);
