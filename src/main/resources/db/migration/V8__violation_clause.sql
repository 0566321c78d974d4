-- the ODCS contract clause a violation comes from (file, place, id); null for native rules
ALTER TABLE dq_monitor.violations ADD COLUMN clause text;
