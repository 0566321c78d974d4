-- dq.history.retention deletes the oldest rows a batch at a time, by the time dq-monitor recorded them
CREATE INDEX schema_changes_detected_at ON dq_monitor.schema_changes (detected_at);
CREATE INDEX anomalies_detected_at ON dq_monitor.anomalies (detected_at);
