#!/bin/sh
# Registers connector configs with Kafka Connect (docker compose's one-shot connect-init services): the files given
# as arguments, or user-activities.json (PostgreSQL) when none are given. A connector that already exists is left as
# it is, so the script can run at every start.
#
# Connect answers 409 both for a connector that exists and while its workers rebalance; only the connector's own
# endpoint tells the two apart. Until it answers 200, the registration is tried again, REGISTER_ATTEMPTS times
# REGISTER_INTERVAL seconds apart, and then the script fails: nothing registered means nothing captured.
set -eu
CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
attempts="${REGISTER_ATTEMPTS:-60}"
interval="${REGISTER_INTERVAL:-2}"
cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- user-activities.json

register() {
  config=$1
  name=$(sed -n 's/^ *"name" *: *"\([^"]*\)".*/\1/p' "$config" | head -n 1)
  [ -n "$name" ] || { echo "$config has no \"name\"" >&2; return 1; }
  attempt=1
  while :; do
    status=$(curl -sS -o /tmp/response -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data @"$config" "$CONNECT_URL/connectors" || echo 000)
    case "$status" in
      201) echo "registered $name ($config)"; return 0 ;;
      409)
        existing=$(curl -sS -o /dev/null -w '%{http_code}' "$CONNECT_URL/connectors/$name" || echo 000)
        if [ "$existing" = 200 ]; then echo "already registered: $name ($config)"; return 0; fi
        echo "Connect answered 409 but has no connector $name (HTTP $existing): rebalancing, trying again" ;;
      000) echo "Connect at $CONNECT_URL did not answer, trying again" ;;
      *) echo "registering $config failed with HTTP $status:" >&2; cat /tmp/response >&2; echo >&2; return 1 ;;
    esac
    if [ "$attempt" -ge "$attempts" ]; then
      echo "gave up registering $name after $attempts attempts" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep "$interval"
  done
}

for config in "$@"; do
  register "$config"
done
