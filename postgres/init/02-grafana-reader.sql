-- A read-only role for Grafana's PostgreSQL datasource: SELECT on the reference table and on dq-monitor's own schema,
-- nothing else. docker compose gives it a password (03-grafana-reader-password.sh); elsewhere: ALTER ROLE ... PASSWORD.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grafana_reader') THEN
        CREATE ROLE grafana_reader LOGIN;
    END IF;
END
$$;
ALTER ROLE grafana_reader SET default_transaction_read_only = on;
ALTER ROLE grafana_reader SET statement_timeout = '30s';

GRANT USAGE ON SCHEMA public TO grafana_reader;
GRANT SELECT ON public.user_activities TO grafana_reader;

-- dq-monitor's Flyway migrations create their tables in this schema later, as the role that runs this script:
-- the default privileges let the reader see them.
CREATE SCHEMA IF NOT EXISTS dq_monitor;
GRANT USAGE ON SCHEMA dq_monitor TO grafana_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA dq_monitor GRANT SELECT ON TABLES TO grafana_reader;
