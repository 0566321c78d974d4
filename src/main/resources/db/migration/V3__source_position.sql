-- Changes now come from PostgreSQL, MySQL/MariaDB and MongoDB. source_position says where a change was in its
-- source's log in that source's terms (lsn=…;txId=… / file=…;pos=…;row=…;gtid=…;server_id=… / sec=…;ord=…).
-- lsn and tx_id stay, filled for PostgreSQL rows only, so existing dashboards and queries keep working.
ALTER TABLE dq_monitor.violations ADD COLUMN source_position text;
ALTER TABLE dq_monitor.schema_changes ADD COLUMN source_position text;
UPDATE dq_monitor.violations SET source_position = concat_ws(';', 'lsn=' || lsn, 'txId=' || tx_id)
 WHERE lsn IS NOT NULL OR tx_id IS NOT NULL;
UPDATE dq_monitor.schema_changes SET source_position = 'lsn=' || lsn WHERE lsn IS NOT NULL;
