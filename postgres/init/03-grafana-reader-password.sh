#!/usr/bin/env bash
# docker compose only: the password of the read-only Grafana role, from the environment.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="${GRAFANA_READER_PASSWORD:?set GRAFANA_READER_PASSWORD}" <<'SQL'
ALTER ROLE grafana_reader PASSWORD :'password';
SQL
