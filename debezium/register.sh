#!/bin/sh
# Registers connector configs with Kafka Connect (docker compose's one-shot connect-init services): the files given
# as arguments, or user-activities.json (PostgreSQL) when none are given. A connector that already exists is left as
# it is, so the script can run at every start.
set -eu
CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- user-activities.json
for config in "$@"; do
  status=$(curl -sS -o /tmp/response -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data @"$config" "$CONNECT_URL/connectors")
  case "$status" in
    201) echo "registered $config" ;;
    409) echo "already registered: $config" ;;
    *) echo "registering $config failed with HTTP $status:" >&2; cat /tmp/response >&2; exit 1 ;;
  esac
done
