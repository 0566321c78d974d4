-- What each anomaly detector has learned, so that a restart does not start its learning (and warm-up) again.
CREATE TABLE dq_monitor.anomaly_detectors (
    table_name  text        NOT NULL,
    signal      text        NOT NULL,
    state       bytea       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_name, signal)
);

-- One row per anomaly raised: a window of a table's signal (in source commit time) that was far from what the
-- detector expected. A window is judged once, so a replay adds no second row.
CREATE TABLE dq_monitor.anomalies (
    id           bigserial PRIMARY KEY,
    table_name   text             NOT NULL,
    signal       text             NOT NULL,
    window_start timestamptz      NOT NULL,
    window_end   timestamptz      NOT NULL,
    observed     double precision NOT NULL,
    expected     double precision NOT NULL,
    band_lower   double precision NOT NULL,
    band_upper   double precision NOT NULL,
    score        double precision NOT NULL,
    detected_at  timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT anomalies_once_per_window UNIQUE (table_name, signal, window_start)
);
CREATE INDEX anomalies_window ON dq_monitor.anomalies (window_start DESC);
CREATE INDEX anomalies_table_signal ON dq_monitor.anomalies (table_name, signal, window_start DESC);
